package io.stackgate.identity.security;

/**
 * The issuer whose tokens the API accepts.
 *
 * @param uri  the {@code iss} tokens must carry
 * @param kind an external Keycloak/OIDC server, the dev Keycloak the platform launches, or the test-token signer
 */
public record TokenIssuer(String uri, Kind kind) {

    public enum Kind { EXTERNAL, DEV_KEYCLOAK, TEST_TOKENS }
}
