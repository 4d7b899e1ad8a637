package io.stackgate.identity.cockpit;

import io.stackgate.identity.keycloak.KeycloakConfig;
import io.stackgate.identity.keycloak.KeycloakProperties;
import io.stackgate.identity.security.TokenIssuer;
import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's users and groups come from Keycloak (the community identity provider plugin, read-only): the
 * webapps find the logged-in user there, and group ids are Keycloak's full group paths, as in candidate groups.
 * Whenever a Keycloak is in use; {@code stackgate.keycloak.camunda-identity=false} keeps Camunda's own tables.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("(" + KeycloakConfig.IN_USE + ") and ${stackgate.keycloak.camunda-identity:true}")
class CamundaIdentity {

    @Bean
    KeycloakIdentityProviderPlugin keycloakIdentityProvider(TokenIssuer issuer, KeycloakProperties keycloak) {
        KeycloakIdentityProviderPlugin plugin = new KeycloakIdentityProviderPlugin();
        plugin.setKeycloakIssuerUrl(issuer.uri());
        plugin.setKeycloakAdminUrl(keycloak.baseUrl() + "/admin/realms/" + keycloak.realm());
        plugin.setClientId(keycloak.backendClientId());
        plugin.setClientSecret(KeycloakConfig.withSecret(keycloak).backendClientSecret());
        plugin.setUseUsernameAsCamundaUserId(true);
        plugin.setUseGroupPathAsCamundaGroupId(true);
        plugin.setCacheEnabled(true);
        plugin.setCacheExpirationTimeoutMin(5);
        return plugin;
    }
}
