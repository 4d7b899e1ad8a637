package io.stackgate.identity.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from, and what they grant.
 *
 * @param issuerUri           OIDC issuer (e.g. {@code https://kc.example/realms/stackgate}); empty = the dev Keycloak
 *                            that the platform launches itself ({@code stackgate.keycloak.*})
 * @param audience            tokens must name it in {@code aud} (Keycloak: an audience mapper); empty = not checked
 * @param organizationTenants a Keycloak {@code organization} claim grants the tenants it names (an organization's
 *                            alias is a tenant id); off by default: only {@code /tenants/<id>} groups grant a tenant
 * @param issuerHealth        how readiness checks that the issuer answers
 * @param publicApiDocs       the OpenAPI document and Swagger UI answer without a token (the dev profile); off by
 *                            default
 */
@ConfigurationProperties("stackgate.security")
public record SecurityProperties(String issuerUri, String audience, boolean organizationTenants,
        IssuerHealth issuerHealth, boolean publicApiDocs) {

    public SecurityProperties {
        issuerHealth = issuerHealth == null ? new IssuerHealth(null, null) : issuerHealth;
    }

    /**
     * @param timeout  how long one look at the issuer's discovery document may take
     * @param cacheFor how long an answer is reused, so that health stays cheap
     */
    public record IssuerHealth(Duration timeout, Duration cacheFor) {

        public IssuerHealth {
            timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
            cacheFor = cacheFor == null ? Duration.ofSeconds(10) : cacheFor;
        }
    }

    public boolean hasExternalIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
