package io.stackgate.notifications;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.notifications.recipients.Recipients;
import io.stackgate.support.Api;
import io.stackgate.support.RealKeycloak;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With the real Keycloak as the directory (no demo users to fall back on), a task's whole candidate group is told,
 * and role groups and tenant admins are the directory's, kept to the tenant.
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
    void everyManagerOfTheOrgUnitIsToldOfTheApprovalTask() {
        Api.Response submitted = api.withToken(RealKeycloak.token("alice"))
                .post("/api/requests", submission("acme", "web", "vm", smallVm()));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(201);
        String id = submitted.body().path("id").asText();

        for (String approver : List.of("bob", "bea")) {
            assertThat(noticesOf(approver, id)).as(approver).singleElement()
                    .satisfies(notice -> assertThat(notice.path("kind").asText()).isEqualTo("APPROVAL_TASK_ASSIGNED"));
        }
        assertThat(noticesOf("alice", id)).as("the requester").isEmpty();
        assertThat(noticesOf("fiona", id)).as("another org unit's managers").isEmpty();
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
