package io.stackgate.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackgate.identity.TenantGroups;
import io.stackgate.support.RealKeycloak;
import org.junit.jupiter.api.Test;

/** The realm generated from the test tenants-config and the demo users, without a Keycloak. */
class RealmGeneratorTest {

    private final KeycloakProperties keycloak = new KeycloakProperties(true, null, null, 0, 0, null, null, null,
            "s3cret", null, Duration.ofMinutes(7), null);
    private final List<TenantGroups.Declared> tenants = RealKeycloak.tenants();
    private final ObjectNode realm = new RealmGenerator(keycloak).realm(tenants, RealKeycloak.demoUsers().users(), true);

    @Test
    void tenantGroupsAreEveryOrgUnitWithItsManagersAndEveryGroupTheConfigNames() {
        assertThat(RealmGenerator.tenantGroupPaths(tenants)).containsExactly(
                "/tenants", "/tenants/acme", "/tenants/acme/admins", "/tenants/acme/auditors",
                "/tenants/acme/engineering", "/tenants/acme/engineering/managers",
                "/tenants/acme/engineering/platform", "/tenants/acme/engineering/platform/managers",
                "/tenants/acme/finance", "/tenants/acme/finance/managers",
                "/tenants/globex", "/tenants/globex/admins",
                "/tenants/globex/operations", "/tenants/globex/operations/managers");
    }

    @Test
    void theRealmNestsTheGroupsOfTenantsAndOfTheDemoUsers() {
        List<String> paths = new ArrayList<>();
        collect(realm.path("groups"), paths);
        assertThat(paths).contains("/tenants", "/tenants/acme/engineering/platform/managers", "/platform",
                "/platform/ops", "/platform/admins");
        assertThat(paths).doesNotHaveDuplicates().noneMatch(path -> path.startsWith("role:"));
    }

    @Test
    void theRealmHasThePlatformRolesAndTheConfiguredTokenLifespan() {
        assertThat(realm.path("realm").asText()).isEqualTo("stackgate");
        assertThat(realm.path("accessTokenLifespan").asLong()).isEqualTo(420);
        assertThat(realm.path("roles").path("realm").findValuesAsText("name")).containsExactly(
                "platform-admin", "platform-ops", "auditor", "tenant-admin", "approver", "requester");
    }

    @Test
    void thePortalIsPublicWithPkceAndDirectGrantsOnlyInTheDevRealm() {
        JsonNode portal = client(realm, "stackgate-portal");
        assertThat(portal.path("publicClient").asBoolean()).isTrue();
        assertThat(portal.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(portal.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(texts(portal.path("redirectUris"))).containsExactly("http://127.0.0.1:8080/*", "http://localhost:5173/*");
        assertThat(portal.path("directAccessGrantsEnabled").asBoolean()).isTrue();

        ObjectNode production = new RealmGenerator(keycloak).realm(tenants, Map.of(), false);
        assertThat(client(production, "stackgate-portal").path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(production.path("users").findValuesAsText("username")).containsExactly("service-account-stackgate-backend");
    }

    @Test
    void theBackendIsConfidentialWithAServiceAccountThatReadsUsersGroupsAndRoleHoldersAndManagesGroupsOnly() {
        JsonNode backend = client(realm, "stackgate-backend");
        assertThat(backend.path("publicClient").asBoolean()).isFalse();
        assertThat(backend.path("secret").asText()).isEqualTo("s3cret");
        assertThat(backend.path("serviceAccountsEnabled").asBoolean()).isTrue();
        JsonNode account = user(realm, "service-account-stackgate-backend");
        assertThat(account.path("serviceAccountClientId").asText()).isEqualTo("stackgate-backend");
        assertThat(texts(account.path("clientRoles").path("realm-management")))
                .containsExactlyInAnyOrder("view-users", "query-groups", "query-users", "view-realm");

        // groups are written through a fine-grained admin permission (v2), not manage-users
        assertThat(realm.path("adminPermissionsEnabled").asBoolean()).isTrue();
        JsonNode permissions = client(realm, "admin-permissions").path("authorizationSettings").path("policies");
        JsonNode backendPolicy = permissions.get(0);
        assertThat(backendPolicy.path("type").asText()).isEqualTo("client");
        assertThat(backendPolicy.path("config").path("clients").asText()).isEqualTo("[\"stackgate-backend\"]");
        JsonNode groups = permissions.get(1);
        assertThat(groups.path("type").asText()).isEqualTo("scope");
        assertThat(groups.path("config").path("resources").asText()).isEqualTo("[\"Groups\"]");
        assertThat(groups.path("config").path("scopes").asText()).isEqualTo("[\"view\",\"manage\"]");
        assertThat(groups.path("config").path("applyPolicies").asText()).contains(backendPolicy.path("name").asText());
        assertThat(permissions).hasSize(2);
    }

    @Test
    void bothClientsPutFullGroupPathsAndTheBackendAudienceInAccessTokens() {
        for (String clientId : List.of("stackgate-portal", "stackgate-backend")) {
            JsonNode mappers = client(realm, clientId).path("protocolMappers");
            assertThat(mappers.findValuesAsText("protocolMapper"))
                    .containsExactlyInAnyOrder("oidc-group-membership-mapper", "oidc-audience-mapper");
            assertThat(mappers.findValuesAsText("full.path")).containsExactly("true");
            assertThat(mappers.findValuesAsText("included.client.audience")).containsExactly("stackgate-backend");
        }
    }

    @Test
    void theKubernetesClientPutsFullGroupPathsAndItsOwnIdInTheAudienceForTheApiServers() {
        JsonNode client = client(realm, "kubernetes");
        JsonNode mappers = client.path("protocolMappers");
        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(mappers.findValuesAsText("full.path")).containsExactly("true");
        assertThat(mappers.findValuesAsText("included.client.audience")).containsExactly("kubernetes");
        assertThat(texts(client.path("redirectUris"))).contains("http://localhost:8000");
    }

    @Test
    void demoUsersHaveTheirGroupsRolesAndTheDocumentedPassword() {
        JsonNode bob = user(realm, "bob");
        assertThat(texts(bob.path("groups"))).containsExactly("/tenants/acme/engineering/managers");
        assertThat(texts(bob.path("realmRoles"))).containsExactly("approver");
        assertThat(bob.path("credentials").get(0).path("value").asText()).isEqualTo("bob-demo");
        assertThat(bob.path("credentials").get(0).path("temporary").asBoolean()).isFalse();
        assertThat(bob.path("email").asText()).isNotBlank();
        assertThat(texts(user(realm, "fiona").path("groups"))).containsExactly("/tenants/acme/finance/managers");
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private static JsonNode user(JsonNode realm, String username) {
        for (JsonNode user : realm.path("users")) {
            if (user.path("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no user " + username);
    }

    private static void collect(JsonNode groups, List<String> paths) {
        groups.forEach(group -> {
            paths.add(group.path("path").asText());
            collect(group.path("subGroups"), paths);
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
