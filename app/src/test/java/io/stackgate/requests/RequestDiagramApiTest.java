package io.stackgate.requests;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@StackgateTest
class RequestDiagramApiTest {

    @Autowired
    Api api;

    @Autowired
    Jobs jobs;

    @Test
    void whileWaitingForApprovalTheApprovalTaskIsActive() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();

        JsonNode diagram = diagram("alice", id);

        assertThat(diagram.path("processDefinitionKey").asText()).isEqualTo("resource-request");
        assertThat(diagram.path("processDefinitionId").asText()).startsWith("resource-request:");
        assertThat(diagram.path("bpmnXml").asText()).contains("<bpmn:userTask id=\"ApproveLevel\"");
        assertThat(activity(diagram, "ApproveLevel")).hasValueSatisfying(task -> {
            assertThat(task.path("state").asText()).isEqualTo("ACTIVE");
            assertThat(task.path("activityType").asText()).isEqualTo("userTask");
            assertThat(task.path("startTime").asText()).isNotBlank();
            assertThat(task.hasNonNull("endTime")).isFalse();
        });
        assertThat(activity(diagram, "RequestCompleted")).isEmpty();
        assertThat(diagram.path("calledProcesses")).isEmpty();
    }

    @Test
    void afterARejectionEndedTheInstanceTheApprovalAndTheEndEventAreCompleted() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String task = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + task + "/reject", Map.of("comment", "not now")).status())
                .isEqualTo(204);

        JsonNode diagram = diagram("alice", id);

        assertThat(activity(diagram, "ApproveLevel")).hasValueSatisfying(approval -> {
            assertThat(approval.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(approval.path("endTime").asText()).isNotBlank();
        });
        assertThat(activity(diagram, "RequestRejected")).hasValueSatisfying(end ->
                assertThat(end.path("state").asText()).isEqualTo("COMPLETED"));
        assertThat(diagram.path("activities"))
                .noneSatisfy(activity -> assertThat(activity.path("state").asText()).isEqualTo("ACTIVE"));
    }

    @Test
    void afterAnApprovedVmIsProvisionedTheEndEventAndTheApprovalAreCompleted() {
        String id = Requests.approvedAndRun(api, jobs, "vm", smallVm());

        JsonNode diagram = diagram("alice", id);

        assertThat(activity(diagram, "ApproveLevel")).hasValueSatisfying(approval ->
                assertThat(approval.path("state").asText()).isEqualTo("COMPLETED"));
        assertThat(diagram.path("calledProcesses")).anySatisfy(called -> {
            assertThat(called.path("activityId").asText()).isEqualTo("Provision");
            assertThat(called.path("processDefinitionKey").asText()).isEqualTo("provision-vm");
            assertThat(called.path("bpmnXml").asText()).contains("<bpmn:process id=\"provision-vm\"");
            assertThat(called.path("activities")).isNotEmpty();
        });
        // the test hosts are libvirt's test driver (the suite needs libvirt's client library, as .ci/run installs)
        assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("COMPLETED");
        assertThat(activity(diagram, "RequestCompleted")).hasValueSatisfying(end ->
                assertThat(end.path("state").asText()).isEqualTo("COMPLETED"));
        assertThat(diagram.path("calledProcesses")).allSatisfy(called -> assertThat(called.path("activities"))
                .noneSatisfy(activity -> assertThat(activity.path("state").asText()).isEqualTo("ACTIVE")));
    }

    @Test
    void anotherTenantsUserGetsTheSameNotFoundAsForTheRequest() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();

        Response diagram = api.as("dave").get("/api/requests/" + id + "/diagram");

        assertThat(diagram.status()).isEqualTo(404);
        assertThat(diagram.text("type")).isEqualTo(api.as("dave").get("/api/requests/" + id).text("type"));
        assertThat(api.as("alice").get("/api/requests/nowhere/diagram").status()).isEqualTo(404);
    }

    private JsonNode diagram(String user, String id) {
        Response response = api.as(user).get("/api/requests/" + id + "/diagram");
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body();
    }

    private static Optional<JsonNode> activity(JsonNode diagram, String activityId) {
        for (JsonNode activity : diagram.path("activities")) {
            if (activity.path("activityId").asText().equals(activityId)) {
                return Optional.of(activity);
            }
        }
        return Optional.empty();
    }
}
