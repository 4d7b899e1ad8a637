package io.stackgate.tenancy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the tenants come from.
 *
 * @param configDir folder with one {@code <tenant>.yaml} per tenant, relative to the working directory
 *                  ({@code STACKGATE_TENANTS_CONFIGDIR}); when it does not exist the copy packaged in the
 *                  jar ({@code classpath:tenants-config/}) is used
 */
@ConfigurationProperties("stackgate.tenants")
record TenancyProperties(@DefaultValue("tenants-config") String configDir) {
}
