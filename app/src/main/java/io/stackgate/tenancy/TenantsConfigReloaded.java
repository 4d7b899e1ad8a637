package io.stackgate.tenancy;

import java.util.Set;

/** The tenants-config in force changed: published after the initial load and after every successful reload. */
public record TenantsConfigReloaded(Set<String> tenantIds) {

    public TenantsConfigReloaded {
        tenantIds = Set.copyOf(tenantIds);
    }
}
