package io.stackgate.approvals;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.stackgate.support.Api;
import io.stackgate.support.RealKeycloak;
import io.stackgate.support.RealKeycloakTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Delegation checks the delegate in Keycloak: an existing user of the request's tenant, in an approver group of the task. */
@RealKeycloakTest
class DelegationIT {

    @Autowired
    Api api;

    @Test
    void aTaskIsDelegatedOnlyToAnExistingPeerApproverOfTheTenant() {
        Api.As alice = api.withToken(RealKeycloak.token("alice"));
        Api.As bob = api.withToken(RealKeycloak.token("bob"));
        String requestId = alice.post("/api/requests", submission("acme", "web", "vm", smallVm())).text("id");
        String taskId = taskOf(bob, requestId).orElseThrow().path("id").asText();

        Api.Response unknown = bob.post("/api/tasks/" + taskId + "/delegate", Map.of("user", "nobody-at-all"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("field")).isEqualTo("user");

        Api.Response otherTenant = bob.post("/api/tasks/" + taskId + "/delegate", Map.of("user", "dave"));
        assertThat(otherTenant.status()).isEqualTo(400);
        assertThat(otherTenant.text("detail")).contains("not a member of tenant acme");

        Api.Response fiona = bob.post("/api/tasks/" + taskId + "/delegate", Map.of("user", "fiona"));
        assertThat(fiona.status()).as("finance manager: same tenant, not an approver of this level").isEqualTo(400);
        assertThat(fiona.text("detail")).contains("none of the task's approver groups");

        Api.Response bea = bob.post("/api/tasks/" + taskId + "/delegate", Map.of("user", "bea"));
        assertThat(bea.status()).isEqualTo(200);
        assertThat(api.withToken(RealKeycloak.token("bea")).post("/api/tasks/" + taskId + "/approve").status())
                .isEqualTo(204);
    }
}
