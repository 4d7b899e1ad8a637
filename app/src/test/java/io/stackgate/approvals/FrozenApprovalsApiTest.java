package io.stackgate.approvals;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A task claimed or delegated by someone who is away does not freeze its request: its holder gives it back, a tenant
 * admin or platform operator releases or reassigns it, and a handover only ever goes to someone who may decide it.
 */
@StackgateTest
class FrozenApprovalsApiTest {

    @Autowired
    Api api;

    private String claimedByBob() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/claim").status()).isEqualTo(200);
        assertThat(taskOf(api.as("bea"), id)).as("held by bob, out of bea's inbox").isEmpty();
        return taskId;
    }

    @Test
    void aTaskClaimedBySomeoneAwayIsReleasedByTheTenantAdminAndReachesThePeersAgain() {
        String taskId = claimedByBob();

        Response byPeer = api.as("bea").post("/api/tasks/" + taskId + "/release");
        assertThat(byPeer.status()).as("a peer may not take it from bob").isEqualTo(403);

        Response byAdmin = api.as("carol").post("/api/tasks/" + taskId + "/release");
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.body().path("assignee").asText()).isEmpty();

        JsonNode inBeasInbox = api.as("bea").get("/api/tasks/" + taskId).body();
        assertThat(inBeasInbox.path("assignee").asText()).isEmpty();
        assertThat(api.as("bea").post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(204);
    }

    @Test
    void theHolderGivesATaskBack() {
        String taskId = claimedByBob();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/release").status()).isEqualTo(200);
        assertThat(api.as("bea").post("/api/tasks/" + taskId + "/claim").status()).isEqualTo(200);
    }

    @Test
    void aPlatformOperatorReassignsAFrozenTaskToAnEligibleApprover() {
        String taskId = claimedByBob();

        Response reassigned = api.as("olga").post("/api/tasks/" + taskId + "/reassign", Map.of("user", "bea"));
        assertThat(reassigned.status()).isEqualTo(200);
        assertThat(reassigned.text("assignee")).isEqualTo("bea");

        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/approve").status()).as("bob no longer holds it")
                .isEqualTo(409);
        assertThat(api.as("bea").post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(204);
    }

    @Test
    void onlyTenantAdminsAndOperatorsReassign() {
        String taskId = claimedByBob();
        assertThat(api.as("bea").post("/api/tasks/" + taskId + "/reassign", Map.of("user", "bea")).status())
                .isEqualTo(403);
        assertThat(api.as("maya").post("/api/tasks/" + taskId + "/reassign", Map.of("user", "bea")).status())
                .as("the auditor does not even see the task").isEqualTo(404);
        assertThat(api.as("erin").post("/api/tasks/" + taskId + "/reassign", Map.of("user", "bea")).status())
                .as("another tenant's approver").isEqualTo(404);
    }

    @Test
    void aTaskIsHandedOnlyToSomeoneWhoMayDecideIt() {
        String taskId = claimedByBob();

        Response unknown = api.as("carol").post("/api/tasks/" + taskId + "/reassign", Map.of("user", "nobody-at-all"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("field")).isEqualTo("user");

        Response otherTenant = api.as("carol").post("/api/tasks/" + taskId + "/reassign", Map.of("user", "erin"));
        assertThat(otherTenant.status()).isEqualTo(400);
        assertThat(otherTenant.text("detail")).contains("not a member of tenant acme");

        Response financeManager = api.as("carol").post("/api/tasks/" + taskId + "/reassign", Map.of("user", "fiona"));
        assertThat(financeManager.status()).isEqualTo(400);
        assertThat(financeManager.text("detail")).contains("none of the task's approver groups");

        Response requester = api.as("carol").post("/api/tasks/" + taskId + "/reassign", Map.of("user", "alice"));
        assertThat(requester.status()).isEqualTo(403);

        Response delegatedToRequester = api.as("bob").post("/api/tasks/" + taskId + "/delegate", Map.of("user", "alice"));
        assertThat(delegatedToRequester.status()).isEqualTo(403);
        Response delegatedToUnknown = api.as("bob").post("/api/tasks/" + taskId + "/delegate",
                Map.of("user", "nobody-at-all"));
        assertThat(delegatedToUnknown.status()).isEqualTo(400);
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/delegate", Map.of("user", "bea")).status())
                .isEqualTo(200);
    }

    @Test
    void tenantAdminsListTheOpenTasksOfTheirTenantToFindFrozenOnes() {
        String taskId = claimedByBob();
        JsonNode administered = api.as("carol").get("/api/tasks?scope=administered&size=200").body();
        assertThat(administered.path("items")).anySatisfy(task -> {
            assertThat(task.path("id").asText()).isEqualTo(taskId);
            assertThat(task.path("assignee").asText()).isEqualTo("bob");
        });
        assertThat(api.as("erin").get("/api/tasks?scope=administered").body().path("total").asInt())
                .as("an approver administers nothing").isZero();
        assertThat(api.as("dave").get("/api/tasks?scope=everything").status()).isEqualTo(400);
    }
}
