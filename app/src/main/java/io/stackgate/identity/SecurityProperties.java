package io.stackgate.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from.
 *
 * @param issuerUri OIDC issuer (e.g. {@code https://kc.example/realms/stackgate}); empty = the dev identity
 * @param audience  when set, tokens must name it in {@code aud}
 */
@ConfigurationProperties("stackgate.security")
public record SecurityProperties(String issuerUri, String audience) {

    public boolean usesDevIdentity() {
        return issuerUri == null || issuerUri.isBlank();
    }
}
