package io.stackgate.requests;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static io.stackgate.support.Requests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the portal's "My requests" and request pages read: the list's filters and a request's approval levels. */
@StackgateTest
class RequestListApiTest {

    @Autowired
    Api api;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Test
    void theTextFilterFindsARequestByWordsOfItsJustificationOrTheBeginningOfItsId() {
        String word = "zebra" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = submission("acme", "web", "vm", smallVm());
        body.put("justification", "the " + word.toUpperCase() + " shop");
        String id = api.as("alice").post("/api/requests", body).text("id");
        String other = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();

        assertThat(ids("alice", "?text=" + word)).containsExactly(id);
        assertThat(ids("alice", "?mine=true&text=" + id.substring(0, 13))).containsExactly(id);
        assertThat(ids("alice", "?text=" + other)).containsExactly(other);
        assertThat(ids("alice", "?text=100%25")).doesNotContain(id, other);
        assertThat(ids("dave", "?text=" + word)).isEmpty();
    }

    @Test
    void theFiltersCombineAndTheNewestComesFirst() {
        String first = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String second = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String cancelled = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        assertThat(api.as("alice").post("/api/requests/" + cancelled + "/cancel").status()).isEqualTo(200);

        Response page = api.as("alice").get("/api/requests?tenant=acme&project=web&type=vm&status=PENDING_APPROVAL"
                + "&mine=true&size=200");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(texts(page.body().path("items"), "id")).containsSubsequence(second, first).doesNotContain(cancelled);
        assertThat(page.body().path("items")).allSatisfy(item -> {
            assertThat(item.path("status").asText()).isEqualTo("PENDING_APPROVAL");
            assertThat(item.path("requester").asText()).isEqualTo("alice");
        });
        assertThat(ids("bob", "?mine=true&status=CANCELLED")).doesNotContain(cancelled);
        assertThat(ids("alice", "?status=CANCELLED&size=200")).contains(cancelled);
    }

    @Test
    void aPendingLevelShowsItsGroupAndDueTimeAndIsNotEscalated() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();

        JsonNode level = api.as("alice").get("/api/requests/" + id).body().path("approvalLevels").get(0);

        assertThat(level.path("level").asText()).isEqualTo("dept-manager");
        assertThat(level.path("state").asText()).isEqualTo("PENDING");
        assertThat(level.path("candidateGroup").asText()).isEqualTo("/tenants/acme/engineering/managers");
        assertThat(level.path("due").asText()).isNotBlank();
        assertThat(level.path("escalated").asBoolean()).isFalse();
    }

    @Test
    void aLevelWhoseSlaPassedSaysItEscalatedAndWhoDecidedIt() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        String instance = runtime.createProcessInstanceQuery().processDefinitionKey("resource-request")
                .processInstanceBusinessKey(id).singleResult().getId();
        Job slaTimer = management.createJobQuery().processInstanceId(instance).timers().singleResult();
        management.executeJob(slaTimer.getId());
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/approve", Map.of("comment", "late")).status())
                .isEqualTo(204);

        JsonNode level = api.as("alice").get("/api/requests/" + id).body().path("approvalLevels").get(0);

        assertThat(level.path("escalated").asBoolean()).isTrue();
        assertThat(level.path("escalatedAt").asText()).isNotBlank();
        assertThat(level.path("decidedBy").asText()).isEqualTo("bob");
        assertThat(level.path("decidedAt").asText()).isNotBlank();
        assertThat(level.path("comment").asText()).isEqualTo("late");
    }

    private java.util.List<String> ids(String user, String query) {
        Response page = api.as(user).get("/api/requests" + query);
        assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
        return texts(page.body().path("items"), "id");
    }
}
