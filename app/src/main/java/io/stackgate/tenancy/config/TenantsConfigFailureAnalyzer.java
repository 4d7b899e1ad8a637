package io.stackgate.tenancy.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start stopped by tenants-config says why in a few lines instead of a stack trace (registered in
 * {@code META-INF/spring.factories}).
 */
class TenantsConfigFailureAnalyzer extends AbstractFailureAnalyzer<TenantsConfigInvalid> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TenantsConfigInvalid cause) {
        String action = cause instanceof TenantsConfigMissing
                ? "Point STACKGATE_TENANTS_CONFIGDIR at the folder of tenant YAML files (the repository's tenants-config/"
                        + " when run from its root), or run the demo with the dev profile: ./mvnw spring-boot:run -pl app"
                : "Correct the files named above (tenants-config/tenant.schema.json describes them) and start again.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
