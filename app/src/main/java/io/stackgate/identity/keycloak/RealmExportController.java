package io.stackgate.identity.keycloak;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.NotPlatformAdmin;
import io.stackgate.identity.TenantGroups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The realm generated from tenants-config, for an operator to import into a production Keycloak: no demo users,
 * no direct access grants, and no client secret (Keycloak generates one; give it to the app as
 * {@code STACKGATE_KEYCLOAK_CLIENT_SECRET}).
 */
@Tag(name = "Operations")
@RestController
class RealmExportController {

    private final RealmGenerator realms;
    private final TenantGroups tenantGroups;
    private final CallerResolver callers;

    RealmExportController(KeycloakProperties keycloak, TenantGroups tenantGroups, CallerResolver callers) {
        this.realms = new RealmGenerator(keycloak);
        this.tenantGroups = tenantGroups;
        this.callers = callers;
    }

    @Operation(operationId = "exportKeycloakRealm", summary = "The Keycloak realm generated from tenants-config (platform admins)")
    @GetMapping("/api/admin/keycloak/realm")
    JsonNode realm() {
        if (!callers.current().hasRole(Caller.PLATFORM_ADMIN)) {
            throw new NotPlatformAdmin("export the realm");
        }
        ObjectNode realm = realms.realm(tenantGroups.declared(), Map.of(), false);
        realm.withArray("clients").forEach(client -> ((ObjectNode) client).remove("secret"));
        return realm;
    }
}
