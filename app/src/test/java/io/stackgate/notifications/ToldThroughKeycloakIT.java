package io.stackgate.notifications;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.identity.Caller;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.notifications.recipients.Recipients;
import io.stackgate.support.Api;
import io.stackgate.support.RealKeycloak;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * With the real Keycloak as the directory, a task's whole candidate group is told — also a member Keycloak alone knows,
 * none of the configured demo users — and role groups and tenant admins are the directory's, kept to the tenant.
 */
@StackgateTest
@ExtendWith(RealKeycloak.class)
class ToldThroughKeycloakIT {

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        RealKeycloak.register(registry);
    }

    @Autowired
    Api api;
    @Autowired
    Recipients recipients;

    @Test
    void everyManagerOfTheOrgUnitIsToldOfTheApprovalTaskAlsoOneKnownOnlyToKeycloak() {
        String ben = createUser("ben", "/tenants/acme/engineering/managers", Caller.APPROVER);
        try {
            Api.Response submitted = api.withToken(RealKeycloak.token("alice"))
                    .post("/api/requests", submission("acme", "web", "vm", smallVm()));
            assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(201);
            String id = submitted.body().path("id").asText();

            for (String approver : List.of("bob", "bea", "ben")) {
                assertThat(noticesOf(approver, id)).as(approver).singleElement().satisfies(notice ->
                        assertThat(notice.path("kind").asText()).isEqualTo("APPROVAL_TASK_ASSIGNED"));
            }
            assertThat(noticesOf("alice", id)).as("the requester").isEmpty();
            assertThat(noticesOf("fiona", id)).as("another org unit's managers").isEmpty();
        } finally {
            RealKeycloak.adminClient().delete().uri("/users/{id}", ben).retrieve().toBodilessEntity();
        }
    }

    @Test
    void roleGroupsAndTenantAdminsAreKeptToTheTenant() {
        assertThat(recipients.members(List.of("role:approver"), "globex")).extracting(DirectoryUser::username)
                .containsExactly("erin", "olga");
        assertThat(recipients.members(List.of("/tenants/acme/engineering/managers", "role:approver"), "acme"))
                .extracting(DirectoryUser::username).containsExactly("bea", "bob", "carol", "fiona", "olga");
        assertThat(recipients.tenantAdmins("acme")).extracting(DirectoryUser::username).containsExactly("carol");
        assertThat(recipients.tenantAdmins("globex")).isEmpty();
    }

    /** A user of the realm who is none of the demo users (password {@code <username>-demo}); answers her id. */
    private static String createUser(String username, String group, String role) {
        RestClient admin = RealKeycloak.adminClient();
        admin.post().uri("/users").contentType(MediaType.APPLICATION_JSON).body(Map.of("username", username,
                "enabled", true, "email", username + "@stackgate.example", "emailVerified", true,
                "firstName", username, "lastName", "Keycloak-only", "groups", List.of(group),
                "credentials", List.of(Map.of("type", "password", "value", username + "-demo", "temporary", false))))
                .retrieve().toBodilessEntity();
        String id = admin.get().uri("/users?exact=true&username={u}", username).retrieve().body(JsonNode.class)
                .get(0).path("id").asText();
        admin.post().uri("/users/{id}/role-mappings/realm", id).contentType(MediaType.APPLICATION_JSON)
                .body(List.of(admin.get().uri("/roles/{role}", role).retrieve().body(JsonNode.class)))
                .retrieve().toBodilessEntity();
        return id;
    }

    private List<JsonNode> noticesOf(String user, String requestId) {
        Api.Response response = api.withToken(RealKeycloak.token(user)).get("/api/notifications?size=200");
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> notices = new ArrayList<>();
        response.body().path("items").forEach(notice -> {
            if (notice.path("requestId").asText().equals(requestId)) {
                notices.add(notice);
            }
        });
        return notices;
    }
}
