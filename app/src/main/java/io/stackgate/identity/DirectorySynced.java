package io.stackgate.identity;

import java.util.Map;
import java.util.Set;

/**
 * Keycloak's groups under {@code /tenants/} were brought in line with tenants-config.
 *
 * @param moved old path → new path of groups moved with their members (an org unit moved in the tree)
 */
public record DirectorySynced(Set<String> created, Set<String> deleted, Map<String, String> moved) {

    public DirectorySynced {
        created = Set.copyOf(created);
        deleted = Set.copyOf(deleted);
        moved = Map.copyOf(moved);
    }

    public DirectorySynced(Set<String> created, Set<String> deleted) {
        this(created, deleted, Map.of());
    }
}
