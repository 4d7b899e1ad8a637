package io.stackgate.tenancy.config;

import java.util.List;

import io.stackgate.identity.TenantGroups;

/** What a tenants-config folder declares about groups, read without a Spring context (for tests). */
public final class TestTenantGroups {

    private TestTenantGroups() {
    }

    public static List<TenantGroups.Declared> of(String configDir) {
        TenantsConfigLoader.Result result = new TenantsConfigLoader(TenantsConfigLoaderTest.properties(configDir)).load();
        if (!result.errors().isEmpty()) {
            throw new IllegalStateException("invalid tenants-config " + configDir + ": " + result.errors());
        }
        return TenantsSnapshot.of(result.tenants()).all().stream().map(DeclaredTenantGroups::declared).toList();
    }
}
