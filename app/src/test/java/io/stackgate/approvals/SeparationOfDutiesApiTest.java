package io.stackgate.approvals;

import static io.stackgate.support.Requests.gpuVm;
import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static io.stackgate.support.Requests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@StackgateTest
class SeparationOfDutiesApiTest {

    private static final String MANAGERS = "/tenants/acme/engineering/managers";

    @Autowired
    Api api;

    private Api.As ben() {
        return api.as("ben", List.of(MANAGERS), List.of("approver"));
    }

    /** An engineering manager who is also in platform operations: a candidate for both levels of a GPU request. */
    private Api.As max() {
        return api.as("max", List.of(MANAGERS), List.of("approver", "platform-ops"));
    }

    @Test
    void aManagerMayNotApproveTheirOwnRequestButAnotherManagerMay() {
        String id = submit(api, "bob", "acme", "web", "vm", smallVm()).path("id").asText();
        assertThat(taskOf(api.as("bob"), id)).isEmpty();
        JsonNode task = taskOf(ben(), id).orElseThrow();

        Response own = api.as("bob").post("/api/tasks/" + task.path("id").asText() + "/approve");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.text("detail")).contains("own request");

        assertThat(ben().post("/api/tasks/" + task.path("id").asText() + "/approve").status()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("PROVISIONING");
    }

    @Test
    void whoeverApprovedTheFirstLevelMayNotApproveTheSecond() {
        String id = submit(api, "alice", "acme", "web", "vm", gpuVm()).path("id").asText();
        JsonNode first = taskOf(max(), id).orElseThrow();
        assertThat(first.path("level").asText()).isEqualTo("dept-manager");
        assertThat(max().post("/api/tasks/" + first.path("id").asText() + "/approve").status()).isEqualTo(204);

        assertThat(taskOf(max(), id)).isEmpty();
        JsonNode second = taskOf(api.as("olga"), id).orElseThrow();
        assertThat(second.path("level").asText()).isEqualTo("platform-ops");
        Response twice = max().post("/api/tasks/" + second.path("id").asText() + "/approve");
        assertThat(twice.status()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("PENDING_APPROVAL");

        assertThat(api.as("olga").post("/api/tasks/" + second.path("id").asText() + "/approve").status()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("PROVISIONING");
    }

    @Test
    void aTaskClaimedByOneManagerCannotBeDecidedByAnother() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();

        Response claimed = api.as("bob").post("/api/tasks/" + taskId + "/claim");
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.text("assignee")).isEqualTo("bob");

        assertThat(ben().post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(409);
        assertThat(ben().post("/api/tasks/" + taskId + "/reject", Map.of("comment", "no")).status()).isEqualTo(409);
        assertThat(status(id)).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void aDelegatedTaskIsDecidedByTheDelegateAndTheTimelineSaysSo() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();

        Response delegated = api.as("bob").post("/api/tasks/" + taskId + "/delegate", Map.of("user", "bea"));
        assertThat(delegated.status()).isEqualTo(200);
        assertThat(delegated.text("assignee")).isEqualTo("bea");
        assertThat(delegated.text("delegatedBy")).isEqualTo("bob");

        JsonNode inBeasInbox = taskOf(api.as("bea"), id).orElseThrow();
        assertThat(inBeasInbox.path("assignee").asText()).isEqualTo("bea");
        JsonNode inBobsInbox = taskOf(api.as("bob"), id).orElseThrow();
        assertThat(inBobsInbox.path("assignee").asText()).as("the delegator still sees it, assigned to bea").isEqualTo("bea");
        assertThat(taskOf(ben(), id)).as("held by bea: out of the other managers' inboxes").isEmpty();
        assertThat(taskOf(api.as("fiona"), id)).isEmpty();
        assertThat(api.as("bea").post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(204);

        JsonNode details = api.as("alice").get("/api/requests/" + id).body();
        assertThat(details.path("status").asText()).isEqualTo("PROVISIONING");
        assertThat(texts(details.path("timeline"), "action")).containsSubsequence("delegated", "approved");
        assertThat(details.path("timeline")).anySatisfy(entry -> {
            assertThat(entry.path("action").asText()).isEqualTo("delegated");
            assertThat(entry.path("actor").asText()).isEqualTo("bob");
            assertThat(entry.path("detail").asText()).isEqualTo("to bea");
        });
        assertThat(details.path("approvalLevels").get(0).path("decidedBy").asText()).isEqualTo("bea");
    }

    @Test
    void theDelegatorTakesBackATaskItDelegated() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();

        Response toOtherTenant = api.as("bob").post("/api/tasks/" + taskId + "/delegate", Map.of("user", "dave"));
        assertThat(toOtherTenant.status()).as("dave is in another tenant").isEqualTo(400);
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/delegate", Map.of("user", "bea")).status()).isEqualTo(200);
        assertThat(api.as("dave").post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(404);
        assertThat(ben().post("/api/tasks/" + taskId + "/approve").status()).as("held by bea, not ben").isEqualTo(409);

        Response takenBack = api.as("bob").post("/api/tasks/" + taskId + "/claim");
        assertThat(takenBack.status()).isEqualTo(200);
        assertThat(takenBack.text("assignee")).isEqualTo("bob");
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("PROVISIONING");
    }

    private String status(String requestId) {
        return api.as("alice").get("/api/requests/" + requestId).text("status");
    }
}
