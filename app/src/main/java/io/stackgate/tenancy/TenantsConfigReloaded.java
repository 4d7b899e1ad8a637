package io.stackgate.tenancy;

import java.util.Set;

/** tenants-config/ was (re)loaded; published after the initial load too. */
public record TenantsConfigReloaded(Set<String> tenantIds) {
}
