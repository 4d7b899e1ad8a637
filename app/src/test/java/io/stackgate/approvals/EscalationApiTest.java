package io.stackgate.approvals;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static io.stackgate.support.Requests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@StackgateTest
class EscalationApiTest {

    @Autowired
    Api api;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Test
    void whenTheSlaOfTheOnlyLevelPassesTheTenantsEscalationGroupMayApproveToo() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(taskOf(api.as("carol"), id)).isEmpty();

        String processInstance = runtime.createProcessInstanceQuery().processDefinitionKey("resource-request")
                .processInstanceBusinessKey(id).singleResult().getId();
        Job slaTimer = management.createJobQuery().processInstanceId(processInstance).timers().singleResult();
        assertThat(slaTimer).isNotNull();
        management.executeJob(slaTimer.getId());

        JsonNode task = api.as("bob").get("/api/tasks/" + taskId).body();
        assertThat(texts(task.path("candidateGroups"), null))
                .containsExactlyInAnyOrder("/tenants/acme/engineering/managers", "/tenants/acme/admins");
        assertThat(task.path("escalatedTo").asText()).isEqualTo("/tenants/acme/admins");

        JsonNode carolsTask = taskOf(api.as("carol"), id).orElseThrow();
        assertThat(carolsTask.path("id").asText()).isEqualTo(taskId);
        assertThat(api.as("carol").post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(204);

        JsonNode details = api.as("alice").get("/api/requests/" + id).body();
        assertThat(details.path("status").asText()).isEqualTo("PROVISIONING");
        assertThat(texts(details.path("timeline"), "action")).containsSubsequence("escalated", "approved");
        assertThat(details.path("approvalLevels").get(0).path("decidedBy").asText()).isEqualTo("carol");
    }
}
