package io.stackgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The production realm export: tenants' groups and the platform's roles, nothing of the dev realm. */
@StackgateTest
class RealmExportApiTest {

    @Autowired
    Api api;

    @Test
    void theExportHasTheGroupsAndRolesButNoUsersSecretsOrPasswordGrants() {
        JsonNode realm = api.as("admin").get("/api/admin/keycloak/realm").body();
        assertThat(realm.path("realm").asText()).isEqualTo("stackgate");
        // the only user is the backend client's service account (for its realm-management roles): no people, no passwords
        assertThat(realm.path("users").findValuesAsText("username")).containsExactly("service-account-stackgate-backend");
        assertThat(realm.path("users").findValues("credentials")).isEmpty();
        assertThat(realm.findValuesAsText("path")).contains("/tenants/acme/engineering/managers", "/tenants/globex");
        assertThat(realm.path("roles").path("realm").findValuesAsText("name")).contains("platform-ops", "tenant-admin");
        assertThat(realm.path("adminPermissionsEnabled").asBoolean()).as("the backend's group permission").isTrue();
        realm.path("clients").forEach(client -> {
            assertThat(client.has("secret")).isFalse();
            if (client.path("clientId").asText().equals("admin-permissions")) {
                return; // Keycloak's holder of the admin permissions: no logins
            }
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isFalse();
            assertThat(client.path("redirectUris")).isNotEmpty();
            // kubectl's login (kubelogin) listens on the user's own loopback; everything else returns to the platform
            String home = client.path("clientId").asText().equals("kubernetes") ? "http://localhost:" : "http://127.0.0.1:8080/";
            client.path("redirectUris").forEach(uri -> assertThat(uri.asText()).startsWith(home));
        });
    }
}
