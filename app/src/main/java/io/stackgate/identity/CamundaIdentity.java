package io.stackgate.identity;

import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's users and groups come from Keycloak (the community identity provider plugin, read-only): the
 * webapps find the logged-in user there, and group ids are Keycloak's full group paths, as in candidate groups.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "stackgate.keycloak.camunda-identity", havingValue = "true", matchIfMissing = true)
class CamundaIdentity {

    @Bean
    KeycloakIdentityProviderPlugin keycloakIdentityProvider(TokenIssuer issuer,
            @Value("${stackgate.keycloak.base-url:http://127.0.0.1:8180}") String baseUrl,
            @Value("${stackgate.keycloak.realm:stackgate}") String realm,
            @Value("${stackgate.keycloak.backend-client-id:stackgate-backend}") String clientId,
            @Value("${stackgate.keycloak.backend-client-secret:}") String clientSecret) {
        KeycloakIdentityProviderPlugin plugin = new KeycloakIdentityProviderPlugin();
        plugin.setKeycloakIssuerUrl(issuer.uri());
        plugin.setKeycloakAdminUrl(baseUrl.replaceAll("/+$", "") + "/admin/realms/" + realm);
        plugin.setClientId(clientId);
        plugin.setClientSecret(clientSecret);
        plugin.setUseUsernameAsCamundaUserId(true);
        plugin.setUseGroupPathAsCamundaGroupId(true);
        plugin.setCacheEnabled(true);
        plugin.setCacheExpirationTimeoutMin(5);
        return plugin;
    }
}
