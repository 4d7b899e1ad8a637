package io.stackgate.identity;

import java.util.Set;

/** Keycloak's groups under {@code /tenants/} were brought in line with tenants-config. */
public record DirectorySynced(Set<String> created, Set<String> deleted) {

    public DirectorySynced {
        created = Set.copyOf(created);
        deleted = Set.copyOf(deleted);
    }
}
