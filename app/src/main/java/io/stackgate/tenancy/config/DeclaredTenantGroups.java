package io.stackgate.tenancy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.stackgate.identity.TenantGroups;
import io.stackgate.identity.TenantGroupsChanged;
import io.stackgate.tenancy.ApprovalLevel;
import io.stackgate.tenancy.OrgUnit;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import io.stackgate.tenancy.TenantsConfigReloaded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells identity which org units and groups the tenants-config in force declares, and when that changes. */
@Component
class DeclaredTenantGroups implements TenantGroups {

    private final Tenants tenants;
    private final ApplicationEventPublisher events;

    DeclaredTenantGroups(Tenants tenants, ApplicationEventPublisher events) {
        this.tenants = tenants;
        this.events = events;
    }

    @Override
    public List<Declared> declared() {
        return tenants.all().stream().map(DeclaredTenantGroups::declared).toList();
    }

    @EventListener
    void on(TenantsConfigReloaded reloaded) {
        events.publishEvent(new TenantGroupsChanged());
    }

    static Declared declared(Tenant tenant) {
        List<String> units = new ArrayList<>();
        addPaths(tenant.orgUnits(), units);
        Set<String> named = new TreeSet<>();
        tenant.projects().forEach(project -> project.roleMappings().forEach(mapping -> named.add(mapping.group())));
        if (tenant.approval() != null) {
            for (ApprovalLevel level : tenant.approval().levels().values()) {
                if (level.group() != null) {
                    named.add(level.group());
                }
                named.addAll(level.orgUnitGroups().values());
            }
            if (tenant.approval().escalationGroup() != null) {
                named.add(tenant.approval().escalationGroup());
            }
        }
        named.removeIf(group -> !group.startsWith("/"));
        return new Declared(tenant.id(), units, named);
    }

    private static void addPaths(List<OrgUnit> units, List<String> paths) {
        for (OrgUnit unit : units) {
            paths.add(unit.path());
            addPaths(unit.children(), paths);
        }
    }
}
