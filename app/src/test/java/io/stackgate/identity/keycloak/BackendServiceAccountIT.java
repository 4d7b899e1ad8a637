package io.stackgate.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.identity.Caller;
import io.stackgate.support.RealKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The backend's service account holds the least it needs on the real Keycloak: it reads users, groups and realm roles
 * with their holders and writes groups (KeycloakRealmIT runs the group sync with it), but creating users, resetting
 * passwords, changing roles, role mappings or memberships and reading client secrets is refused.
 */
@ExtendWith(RealKeycloak.class)
class BackendServiceAccountIT {

    private final RestClient asServiceAccount = RealKeycloak.http().rest(RealKeycloak.baseUrl() + "/admin/realms/"
            + RealKeycloak.settings().realm()).mutate()
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + serviceAccountToken()).build();

    private static String serviceAccountToken() {
        KeycloakProperties keycloak = RealKeycloak.settings();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", keycloak.backendClientId());
        form.add("client_secret", keycloak.backendClientSecret());
        return RealKeycloak.http().rest(keycloak.baseUrl()).post()
                .uri("/realms/{realm}/protocol/openid-connect/token", keycloak.realm())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class)
                .path("access_token").asText();
    }

    @Test
    void itReadsUsersAndGroupsAndTheirMembers() {
        assertThat(status("GET", "/users?exact=true&username=alice", null)).isEqualTo(200);
        assertThat(status("GET", "/groups?briefRepresentation=true", null)).isEqualTo(200);
        assertThat(status("GET", "/groups/" + groupId("/tenants/acme/engineering") + "/members", null)).isEqualTo(200);
        assertThat(status("GET", "/users/" + userId("alice") + "/groups", null)).isEqualTo(200);
        assertThat(status("GET", "/roles/" + Caller.APPROVER + "/users", null)).isEqualTo(200);
        assertThat(status("GET", "/roles/" + Caller.APPROVER + "/groups", null)).isEqualTo(200);
    }

    @Test
    void readingRolesLetsItNeitherChangeRolesNorReadClientSecrets() {
        assertThat(status("POST", "/roles", Map.of("name", "mallory"))).isEqualTo(403);
        assertThat(status("POST", "/roles/" + Caller.APPROVER + "/composites",
                List.of(RealKeycloak.adminClient().get().uri("/roles/{role}", Caller.PLATFORM_ADMIN).retrieve()
                        .body(JsonNode.class)))).isEqualTo(403);
        String backend = RealKeycloak.adminClient().get().uri("/clients?clientId={id}",
                RealKeycloak.settings().backendClientId()).retrieve().body(JsonNode.class).get(0).path("id").asText();
        assertThat(status("GET", "/clients/" + backend + "/client-secret", null)).isEqualTo(403);
    }

    @Test
    void itCannotCreateAUser() {
        assertThat(status("POST", "/users", Map.of("username", "mallory", "enabled", true))).isEqualTo(403);
        assertThat(RealKeycloak.adminClient().get().uri("/users?exact=true&username=mallory").retrieve()
                .body(JsonNode.class)).isEmpty();
    }

    @Test
    void itCannotResetAPasswordOrEditAUser() {
        String alice = userId("alice");
        assertThat(status("PUT", "/users/" + alice + "/reset-password",
                Map.of("type", "password", "value", "pwned", "temporary", false))).isEqualTo(403);
        assertThat(status("PUT", "/users/" + alice, Map.of("email", "alice@evil.example"))).isEqualTo(403);
        assertThat(status("DELETE", "/users/" + alice, null)).isEqualTo(403);
        assertThat(RealKeycloak.token("alice")).as("alice still logs in with her password").isNotBlank();
    }

    @Test
    void itCannotChangeRoleMappingsOrMemberships() {
        JsonNode platformAdmin = RealKeycloak.adminClient().get().uri("/roles/{role}", Caller.PLATFORM_ADMIN).retrieve()
                .body(JsonNode.class);
        String alice = userId("alice");
        assertThat(status("POST", "/users/" + alice + "/role-mappings/realm", List.of(platformAdmin))).isEqualTo(403);
        assertThat(status("POST", "/groups/" + groupId("/tenants/acme/engineering") + "/role-mappings/realm",
                List.of(platformAdmin))).isEqualTo(403);
        assertThat(status("PUT", "/users/" + alice + "/groups/" + groupId("/platform/admins"), null)).isEqualTo(403);
        assertThat(realmRoles(alice)).doesNotContain(Caller.PLATFORM_ADMIN);
    }

    @Test
    void itHoldsOnlyReadRolesOfRealmManagement() {
        RestClient admin = RealKeycloak.adminClient();
        String account = admin.get().uri("/users?exact=true&username=service-account-{client}",
                RealKeycloak.settings().backendClientId()).retrieve().body(JsonNode.class).get(0).path("id").asText();
        JsonNode mappings = admin.get().uri("/users/{id}/role-mappings", account).retrieve().body(JsonNode.class);
        List<String> roles = new ArrayList<>();
        mappings.path("clientMappings").path("realm-management").path("mappings")
                .forEach(role -> roles.add(role.path("name").asText()));
        assertThat(roles).containsExactlyInAnyOrderElementsOf(RealmGenerator.BACKEND_ROLES)
                .doesNotContain("manage-users", "realm-admin");
    }

    private int status(String method, String path, Object body) {
        RestClient.RequestBodySpec request = asServiceAccount.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, res) -> res.getStatusCode().value());
    }

    private static String userId(String username) {
        return RealKeycloak.adminClient().get().uri("/users?exact=true&username={u}", username).retrieve()
                .body(JsonNode.class).get(0).path("id").asText();
    }

    private static String groupId(String path) {
        return RealKeycloak.adminClient().get().uri(builder -> builder.path("/group-by-path" + path).build()).retrieve()
                .body(JsonNode.class).path("id").asText();
    }

    private static List<String> realmRoles(String userId) {
        List<String> roles = new ArrayList<>();
        RealKeycloak.adminClient().get().uri("/users/{id}/role-mappings/realm", userId).retrieve().body(JsonNode.class)
                .forEach(role -> roles.add(role.path("name").asText()));
        return roles;
    }
}
