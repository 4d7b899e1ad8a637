package io.stackgate.identity;

import java.util.Map;
import java.util.Set;

/**
 * Keycloak's groups under {@code /tenants/} were brought in line with tenants-config.
 *
 * @param moved           old path → new path of groups moved with their members (an org unit moved in the tree)
 * @param keptWithMembers groups no longer declared that were kept because they (or their sub-groups) hold members,
 *                        with how many users that is ({@code stackgate.keycloak.group-sync.delete-groups-with-members}
 *                        deletes them instead)
 */
public record DirectorySynced(Set<String> created, Set<String> deleted, Map<String, String> moved,
        Map<String, Integer> keptWithMembers) {

    public DirectorySynced {
        created = Set.copyOf(created);
        deleted = Set.copyOf(deleted);
        moved = Map.copyOf(moved);
        keptWithMembers = Map.copyOf(keptWithMembers);
    }

    public DirectorySynced(Set<String> created, Set<String> deleted, Map<String, String> moved) {
        this(created, deleted, moved, Map.of());
    }

    public DirectorySynced(Set<String> created, Set<String> deleted) {
        this(created, deleted, Map.of());
    }
}
