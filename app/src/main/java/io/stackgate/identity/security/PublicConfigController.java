package io.stackgate.identity.security;

import java.util.LinkedHashMap;
import java.util.Map;

import io.stackgate.identity.keycloak.KeycloakProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a UI or a tool needs to know before it has a token (no authentication). */
@Tag(name = "Public", description = "What a client needs before it has a token")
@RestController
class PublicConfigController {

    private final TokenIssuer issuer;
    private final String realm;
    private final String portalClientId;

    PublicConfigController(TokenIssuer issuer, KeycloakProperties keycloak) {
        this.issuer = issuer;
        this.realm = keycloak.realm();
        this.portalClientId = keycloak.portalClientId();
    }

    @Operation(operationId = "getPublicConfig", summary = "The identity provider of this platform: issuer, realm and "
            + "the portal's client id (no token needed)")
    @GetMapping("/api/public/config")
    Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("identity", issuer.kind().name().toLowerCase().replace('_', '-'));
        config.put("issuer", issuer.uri());
        config.put("realm", realm);
        config.put("clientId", portalClientId);
        return config;
    }
}
