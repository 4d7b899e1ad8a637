package io.stackgate.tenancy.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the tenants come from.
 *
 * @param configDir        folder with one {@code <tenant>.yaml} per tenant, relative to the working directory
 *                         ({@code STACKGATE_TENANTS_CONFIGDIR}); a missing or empty folder stops the start
 * @param packagedFallback when the folder does not exist, use the demo tenants packaged in the jar
 *                         ({@code classpath:tenants-config/}) instead: the dev profile only ({@code application-dev.yml}),
 *                         since group sync deletes every Keycloak group the config does not declare
 * @param checkInterval    how often an instance looks for a newer tenants-config version stored by another instance
 */
@ConfigurationProperties("stackgate.tenants")
record TenancyProperties(@DefaultValue("tenants-config") String configDir, @DefaultValue("false") boolean packagedFallback,
        @DefaultValue("PT5S") Duration checkInterval) {
}
