package io.stackgate.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from, and what they grant.
 *
 * @param issuerUri           OIDC issuer (e.g. {@code https://kc.example/realms/stackgate}); empty = the dev Keycloak
 *                            that the platform launches itself ({@code stackgate.keycloak.*})
 * @param audience            tokens must name it in {@code aud} (Keycloak: an audience mapper); empty = not checked
 * @param organizationTenants a Keycloak {@code organization} claim grants the tenants it names (an organization's
 *                            alias is a tenant id); off by default: only {@code /tenants/<id>} groups grant a tenant
 */
@ConfigurationProperties("stackgate.security")
public record SecurityProperties(String issuerUri, String audience, boolean organizationTenants) {

    public boolean hasExternalIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
