package io.stackgate.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A cloud project of a tenant: owned by one org unit, limited by its quota, reached through its role mappings.
 *
 * @param podSecurity the Pod Security Standard its namespaces enforce ({@code privileged}, {@code baseline},
 *                    {@code restricted}); null: the platform's default
 */
public record Project(String id, String name, String orgUnit, Quota quota, List<RoleMapping> roleMappings,
        String podSecurity) {

    public Project {
        roleMappings = List.copyOf(roleMappings);
    }

    /** A project that leaves its namespaces' pod security to the platform's default. */
    public Project(String id, String name, String orgUnit, Quota quota, List<RoleMapping> roleMappings) {
        this(id, name, orgUnit, quota, roleMappings, null);
    }

    /** The strongest role any of the given groups has here (OWNER over MEMBER over VIEWER). */
    public Optional<ProjectRole> roleOf(Set<String> groups) {
        return roleMappings.stream()
                .filter(mapping -> groups.contains(mapping.group()))
                .map(RoleMapping::role)
                .min(Enum::compareTo);
    }
}
