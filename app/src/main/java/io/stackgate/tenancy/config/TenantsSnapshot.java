package io.stackgate.tenancy.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.stackgate.tenancy.ApprovalLevel;
import io.stackgate.tenancy.ApprovalLevelNotFound;
import io.stackgate.tenancy.NoApproverGroup;
import io.stackgate.tenancy.OrgUnit;
import io.stackgate.tenancy.OrgUnitNotFound;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.TenantNotFound;

/** One immutable generation of the tenants-config; a reload replaces it as a whole. */
record TenantsSnapshot(Map<String, Tenant> byId) {

    TenantsSnapshot {
        byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    static TenantsSnapshot of(List<Tenant> tenants) {
        Map<String, Tenant> byId = new LinkedHashMap<>();
        tenants.stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(t -> byId.put(t.id(), t));
        return new TenantsSnapshot(byId);
    }

    List<Tenant> all() {
        return List.copyOf(byId.values());
    }

    Optional<Tenant> find(String tenantId) {
        return Optional.ofNullable(byId.get(tenantId));
    }

    Optional<String> orgUnitPath(String tenantId, String orgUnitId) {
        return find(tenantId).flatMap(tenant -> findUnit(tenant.orgUnits(), orgUnitId)).map(OrgUnit::path);
    }

    /** The org-unit group of the closest listed ancestor (the unit itself first), else the level's group. */
    String approverGroup(String tenantId, String levelName, String orgUnitId) {
        Tenant tenant = find(tenantId).orElseThrow(() -> new TenantNotFound(tenantId));
        ApprovalLevel level = Optional.ofNullable(tenant.approval().levels().get(levelName))
                .orElseThrow(() -> new ApprovalLevelNotFound(tenantId, levelName));
        if (orgUnitId != null) {
            String path = orgUnitPath(tenantId, orgUnitId)
                    .orElseThrow(() -> new OrgUnitNotFound(tenantId, orgUnitId));
            List<String> unitsUpwards = new ArrayList<>(List.of(path.split("/")));
            Collections.reverse(unitsUpwards);
            for (String unit : unitsUpwards) {
                String group = level.orgUnitGroups().get(unit);
                if (group != null) {
                    return group;
                }
            }
        }
        if (level.group() == null) {
            throw new NoApproverGroup(tenantId, levelName, orgUnitId);
        }
        return level.group();
    }

    private static Optional<OrgUnit> findUnit(List<OrgUnit> units, String orgUnitId) {
        for (OrgUnit unit : units) {
            if (unit.id().equals(orgUnitId)) {
                return Optional.of(unit);
            }
            Optional<OrgUnit> inChildren = findUnit(unit.children(), orgUnitId);
            if (inChildren.isPresent()) {
                return inChildren;
            }
        }
        return Optional.empty();
    }
}
