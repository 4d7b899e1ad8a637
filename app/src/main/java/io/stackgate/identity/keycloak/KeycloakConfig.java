package io.stackgate.identity.keycloak;

import java.time.Clock;
import java.util.Optional;

import io.stackgate.identity.DevIdentityProperties;
import io.stackgate.identity.Directory;
import io.stackgate.identity.TenantGroups;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * Keycloak beans: the dev Keycloak when launching (no issuer configured and {@code stackgate.keycloak.launch}), and
 * the directory with its group sync whenever a Keycloak is in use (launched, or an issuer with a backend secret).
 */
@Configuration(proxyBeanMethods = false)
public class KeycloakConfig {

    public static final String LAUNCHING =
            "${stackgate.keycloak.launch:false} and '${stackgate.security.issuer-uri:}'.isBlank()";
    /** Whether a Keycloak is in use: launched here, or an external issuer with the backend's secret. */
    public static final String IN_USE = "(" + LAUNCHING + ") or (!'${stackgate.security.issuer-uri:}'.isBlank()"
            + " and !'${stackgate.keycloak.backend-client-secret:}'.isBlank())";

    @Bean
    @ConditionalOnExpression(LAUNCHING)
    DevKeycloak devKeycloak(KeycloakProperties keycloak, TenantGroups tenantGroups, DevIdentityProperties users) {
        return new DevKeycloak(withSecret(keycloak), tenantGroups, users);
    }

    @Bean
    @ConditionalOnExpression(IN_USE)
    KeycloakDirectory keycloakDirectory(KeycloakProperties keycloak, RestClient.Builder http, Clock clock) {
        return new KeycloakDirectory(withSecret(keycloak), http, clock);
    }

    @Bean
    @ConditionalOnExpression(IN_USE)
    GroupSync groupSync(Directory directory, TenantGroups tenantGroups, ApplicationEventPublisher events,
            Optional<DevKeycloak> devKeycloak, GroupSyncProperties settings, Clock clock) {
        return new GroupSync(directory, tenantGroups, events, devKeycloak, settings, clock);
    }

    /** In dev the backend's secret is generated once and kept (0600) under the Keycloak home. */
    public static KeycloakProperties withSecret(KeycloakProperties keycloak) {
        if (!keycloak.backendClientSecret().isBlank()) {
            return keycloak;
        }
        return keycloak.withBackendClientSecret(Secrets.readOrCreate(keycloak.home().resolve("backend-client-secret")));
    }
}
