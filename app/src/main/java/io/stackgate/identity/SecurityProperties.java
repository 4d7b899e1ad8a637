package io.stackgate.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from.
 *
 * @param issuerUri OIDC issuer (e.g. {@code https://kc.example/realms/stackgate}); empty = the dev Keycloak that the
 *                  platform launches itself ({@code stackgate.keycloak.*})
 * @param audience  tokens must name it in {@code aud} (Keycloak: an audience mapper); empty = not checked
 */
@ConfigurationProperties("stackgate.security")
public record SecurityProperties(String issuerUri, String audience) {

    public boolean hasExternalIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
