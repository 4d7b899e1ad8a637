package io.stackgate.identity;

import java.util.List;
import java.util.Set;

/** The port through which identity learns which tenants exist (implemented by tenancy). */
public interface TenantDirectory {

    Set<String> allTenantIds();

    /**
     * The named tenants (those that exist, in id order) with their display names and the projects in which one of
     * the groups has a role. By default just the ids, for a directory that knows no more than which tenants exist.
     */
    default List<TenantEntry> describe(Set<String> tenantIds, Set<String> groups) {
        return allTenantIds().stream().filter(tenantIds::contains).sorted()
                .map(id -> new TenantEntry(id, id, List.of())).toList();
    }

    /** A tenant as a caller's profile shows it. */
    record TenantEntry(String id, String name, List<ProjectEntry> projects) {

        public TenantEntry {
            projects = List.copyOf(projects);
        }
    }

    /** @param role the strongest project role the groups have ({@code owner|member|viewer}) */
    record ProjectEntry(String id, String name, String role) {
    }
}
