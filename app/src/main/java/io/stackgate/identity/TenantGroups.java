package io.stackgate.identity;

import java.util.List;
import java.util.Set;

/**
 * The port through which identity learns what tenants-config declares about groups (implemented by tenancy),
 * so that the Keycloak realm and its groups can follow the config without identity depending on tenancy.
 */
public interface TenantGroups {

    /** Every tenant in force, sorted by id. */
    List<Declared> declared();

    /**
     * One tenant as far as Keycloak's groups are concerned.
     *
     * @param tenantId     e.g. {@code acme}
     * @param orgUnitPaths its org units as id paths from the tenant root, parents first
     *                     ({@code engineering}, {@code engineering/platform})
     * @param namedGroups  every group path its config names (role mappings, approval levels, escalation), without
     *                     {@code role:} pseudo-groups
     */
    record Declared(String tenantId, List<String> orgUnitPaths, Set<String> namedGroups) {

        public Declared {
            orgUnitPaths = List.copyOf(orgUnitPaths);
            namedGroups = Set.copyOf(namedGroups);
        }
    }
}
