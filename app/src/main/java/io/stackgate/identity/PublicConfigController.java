package io.stackgate.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a UI or a tool needs to know before it has a token. */
@RestController
class PublicConfigController {

    private final SecurityProperties security;
    private final ObjectProvider<DevIdentity> devIdentity;

    PublicConfigController(SecurityProperties security, ObjectProvider<DevIdentity> devIdentity) {
        this.security = security;
        this.devIdentity = devIdentity;
    }

    @GetMapping("/api/public/config")
    Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        DevIdentity dev = devIdentity.getIfAvailable();
        if (dev != null) {
            config.put("identity", "dev");
            config.put("issuer", dev.issuer());
            config.put("tokenEndpoint", "/dev-identity/token");
        } else {
            config.put("identity", "oidc");
            config.put("issuer", security.issuerUri());
        }
        return config;
    }
}
