package io.stackgate.identity.keycloak;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Keycloak that issues the platform's tokens and holds its groups.
 *
 * @param launch              start a dev Keycloak as a child process (only when {@code stackgate.security.issuer-uri}
 *                            is blank)
 * @param version             version of {@code org.keycloak:keycloak-quarkus-dist} to unpack and run
 * @param home                folder (relative to the working directory) holding the distribution, its log and
 *                            the generated secrets
 * @param httpPort            HTTP port of the dev Keycloak (loopback only)
 * @param managementPort      management port of the dev Keycloak ({@code /health/ready})
 * @param realm               realm of the platform
 * @param baseUrl             where Keycloak answers, e.g. {@code http://127.0.0.1:8180}; for an external Keycloak
 *                            the base of its admin API ({@code STACKGATE_KEYCLOAK_BASE_URL})
 * @param backendClientId     confidential client whose service account reads and writes groups
 * @param backendClientSecret its secret ({@code STACKGATE_KEYCLOAK_CLIENT_SECRET}); blank in dev = generated once
 *                            and kept (0600) under {@code home}
 * @param portalClientId      public client of the UI (authorization code + PKCE)
 * @param accessTokenLifespan how long an access token of the generated realm lives
 * @param publicUrl           where users reach the platform ({@code STACKGATE_PUBLIC_URL}); the realm's clients
 *                            accept logins returning there
 */
@ConfigurationProperties("stackgate.keycloak")
public record KeycloakProperties(boolean launch, String version, Path home, int httpPort, int managementPort,
        String realm, String baseUrl, String backendClientId, String backendClientSecret, String portalClientId,
        Duration accessTokenLifespan, String publicUrl) {

    public KeycloakProperties {
        version = orElse(version, "26.7.3");
        home = home == null ? Path.of("data/keycloak") : home;
        httpPort = httpPort == 0 ? 8180 : httpPort;
        managementPort = managementPort == 0 ? 9180 : managementPort;
        realm = orElse(realm, "stackgate");
        baseUrl = orElse(baseUrl, defaultBaseUrl(httpPort));
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        backendClientId = orElse(backendClientId, "stackgate-backend");
        backendClientSecret = backendClientSecret == null ? "" : backendClientSecret;
        portalClientId = orElse(portalClientId, "stackgate-portal");
        accessTokenLifespan = accessTokenLifespan == null ? Duration.ofMinutes(5) : accessTokenLifespan;
        publicUrl = orElse(publicUrl, "http://127.0.0.1:8080").replaceAll("/+$", "");
    }

    /** Where the dev Keycloak answers, the base URL unless one is set. */
    public static String defaultBaseUrl(int httpPort) {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The issuer of this realm's tokens, e.g. {@code http://127.0.0.1:8180/realms/stackgate}. */
    public String issuer() {
        return baseUrl + "/realms/" + realm;
    }

    /** The same settings with another client secret (the dev secret is only known once it is read or generated). */
    public KeycloakProperties withBackendClientSecret(String secret) {
        return new KeycloakProperties(launch, version, home, httpPort, managementPort, realm, baseUrl,
                backendClientId, secret, portalClientId, accessTokenLifespan, publicUrl);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
