package io.stackgate.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which department a person belongs to, read from their Keycloak group paths. */
public final class OrgUnitMembership {

    private OrgUnitMembership() {
    }

    /**
     * The deepest org unit of the tenant named by one of the groups: {@code /tenants/acme/engineering/platform}
     * and {@code /tenants/acme/engineering/platform/managers} both mean {@code platform}.
     */
    public static Optional<String> orgUnitOf(Tenant tenant, Set<String> groups) {
        String prefix = "/tenants/" + tenant.id() + "/";
        String best = null;
        int bestDepth = 0;
        for (String group : groups) {
            if (!group.startsWith(prefix)) {
                continue;
            }
            List<OrgUnit> level = tenant.orgUnits();
            int depth = 0;
            String found = null;
            for (String segment : group.substring(prefix.length()).split("/")) {
                Optional<OrgUnit> unit = level.stream().filter(u -> u.id().equals(segment)).findFirst();
                if (unit.isEmpty()) {
                    break;
                }
                found = unit.get().id();
                level = unit.get().children();
                depth++;
            }
            if (found != null && depth > bestDepth) {
                best = found;
                bestDepth = depth;
            }
        }
        return Optional.ofNullable(best);
    }
}
