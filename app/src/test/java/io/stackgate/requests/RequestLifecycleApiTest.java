package io.stackgate.requests;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static io.stackgate.support.Requests.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@StackgateTest
class RequestLifecycleApiTest {

    @Autowired
    Api api;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    HistoryService history;

    @Autowired
    QuotaService quotas;

    @Autowired
    Jobs jobs;

    @Test
    void aSmallVmIsApprovedByTheDepartmentManagerThenProvisionedAndCompleted() {
        JsonNode submitted = submit(api, "alice", "acme", "web", "vm", smallVm());
        String id = submitted.path("id").asText();
        assertThat(submitted.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(texts(submitted.path("approvalLevels"), "level")).containsExactly("dept-manager");

        JsonNode task = taskOf(api.as("bob"), id).orElseThrow();
        assertThat(task.path("level").asText()).isEqualTo("dept-manager");
        assertThat(texts(task.path("candidateGroups"), null)).containsExactly("/tenants/acme/engineering/managers");

        assertThat(api.as("bob").post("/api/tasks/" + task.path("id").asText() + "/approve", Map.of("comment", "ok"))
                .status()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("PROVISIONING");

        jobs.run(id);

        JsonNode details = api.as("alice").get("/api/requests/" + id).body();
        assertThat(details.path("status").asText()).isEqualTo("COMPLETED");

        List<String> actions = texts(details.path("timeline"), "action");
        assertThat(actions).containsSubsequence("submitted", "approval-requested", "approved", "provisioning-started",
                "completed");
        assertThat(details.path("timeline")).anySatisfy(entry -> {
            assertThat(entry.path("action").asText()).isEqualTo("submitted");
            assertThat(entry.path("actor").asText()).isEqualTo("alice");
        });
        assertThat(details.path("timeline")).anySatisfy(entry -> {
            assertThat(entry.path("action").asText()).isEqualTo("approved");
            assertThat(entry.path("actor").asText()).isEqualTo("bob");
            assertThat(entry.path("level").asText()).isEqualTo("dept-manager");
        });
        assertThat(details.path("timeline")).anySatisfy(entry -> {
            assertThat(entry.path("action").asText()).isEqualTo("provisioning-started");
            assertThat(entry.path("actor").asText()).isEqualTo("system");
        });
        assertThat(details.path("approvalLevels").get(0).path("state").asText()).isEqualTo("APPROVED");
        assertThat(details.path("approvalLevels").get(0).path("decidedBy").asText()).isEqualTo("bob");
    }

    @Test
    void aGpuVmGoesToTheDepartmentManagerThenToPlatformOps() {
        String id = submit(api, "alice", "acme", "web", "vm", Requests.gpuVm()).path("id").asText();
        assertThat(texts(api.as("alice").get("/api/requests/" + id).body().path("approvalLevels"), "level"))
                .containsExactly("dept-manager", "platform-ops");
        assertThat(taskOf(api.as("olga"), id)).isEmpty();

        approve("bob", id);
        assertThat(status(id)).isEqualTo("PENDING_APPROVAL");
        JsonNode second = taskOf(api.as("olga"), id).orElseThrow();
        assertThat(second.path("level").asText()).isEqualTo("platform-ops");
        assertThat(texts(second.path("candidateGroups"), null)).containsExactly("role:platform-ops");

        approve("olga", id);
        assertThat(status(id)).isEqualTo("PROVISIONING");
    }

    @Test
    void aRejectionAtTheSecondLevelEndsTheRequestWithTheReasonAndReleasesTheQuota() {
        Quota before = quotas.usage("acme", "web").used();
        String id = submit(api, "alice", "acme", "web", "vm", Requests.gpuVm()).path("id").asText();
        assertThat(quotas.usage("acme", "web").used()).isNotEqualTo(before);
        approve("bob", id);

        String taskId = taskOf(api.as("olga"), id).orElseThrow().path("id").asText();
        Response rejected = api.as("olga").post("/api/tasks/" + taskId + "/reject",
                Map.of("comment", "no GPUs left this quarter"));
        assertThat(rejected.status()).isEqualTo(204);

        JsonNode details = api.as("alice").get("/api/requests/" + id).body();
        assertThat(details.path("status").asText()).isEqualTo("REJECTED");
        assertThat(details.path("outcome").asText()).isEqualTo("no GPUs left this quarter");
        assertThat(quotas.usage("acme", "web").used()).isEqualTo(before);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey("provision-vm").count()).isZero();
        assertThat(texts(details.path("timeline"), "action")).contains("rejected");
    }

    @Test
    void aRejectionWithoutACommentIsRefusedNamingTheCommentField() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();

        Response withoutBody = api.as("bob").post("/api/tasks/" + taskId + "/reject");
        Response blank = api.as("bob").post("/api/tasks/" + taskId + "/reject", Map.of("comment", " "));

        for (Response response : List.of(withoutBody, blank)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text("field")).isEqualTo("comment");
        }
        assertThat(status(id)).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void aNamespaceRequestWithoutAConfiguredClusterIsRefusedNamingTheCluster() {
        Response response = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "namespace",
                Map.of("suffix", Requests.uniqueName("ns"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("field").asText()).isEqualTo("spec.cluster");
        assertThat(response.body().path("detail").asText()).contains("no Kubernetes cluster is configured");
    }

    @Test
    void theRequesterCancelsAPendingRequestAndItsTaskAndQuotaAreGone() {
        Quota before = quotas.usage("acme", "web").used();
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        assertThat(taskOf(api.as("bob"), id)).isPresent();

        Response cancelled = api.as("alice").post("/api/requests/" + id + "/cancel");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(taskOf(api.as("bob"), id)).isEmpty();
        assertThat(quotas.usage("acme", "web").used()).isEqualTo(before);
        assertThat(texts(cancelled.body().path("timeline"), "action")).contains("cancelled");
    }

    @Test
    void theTenantAdminMayCancelSomeoneElsesPendingRequest() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();

        Response cancelled = api.as("carol").post("/api/requests/" + id + "/cancel");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(api.as("alice").get("/api/requests?status=cancelled&mine=true").body().path("items"))
                .anySatisfy(request -> assertThat(request.path("id").asText()).isEqualTo(id));
    }

    @Test
    void someoneWhoIsNeitherTheRequesterNorATenantAdminMayNotCancel() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();

        Response response = api.as("bob").post("/api/requests/" + id + "/cancel");

        assertThat(response.status()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void aRejectedRequestCanNoLongerBeCancelled() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/reject", Map.of("comment", "not now")).status())
                .isEqualTo(204);

        Response response = api.as("alice").post("/api/requests/" + id + "/cancel");

        assertThat(response.status()).isEqualTo(409);
        assertThat(status(id)).isEqualTo("REJECTED");
    }

    @Test
    void aRequestBeyondTheProjectQuotaAlsoNeedsTheTenantAdmin() {
        JsonNode submitted = submit(api, "alice", "acme", "tight", "vm", Requests.vm(2, 4096, 200, 0));
        String id = submitted.path("id").asText();

        assertThat(submitted.path("overQuota").asBoolean()).isTrue();
        assertThat(texts(submitted.path("approvalLevels"), "level")).containsExactly("dept-manager", "tenant-admin");

        approve("bob", id);
        JsonNode second = taskOf(api.as("carol"), id).orElseThrow();
        assertThat(second.path("level").asText()).isEqualTo("tenant-admin");
        assertThat(api.as("carol").post("/api/tasks/" + second.path("id").asText() + "/approve").status())
                .isEqualTo(204);
        assertThat(status(id)).isEqualTo("PROVISIONING");
    }

    private void approve(String user, String requestId) {
        JsonNode task = taskOf(api.as(user), requestId)
                .orElseThrow(() -> new AssertionError(user + " has no task for request " + requestId));
        Response response = api.as(user).post("/api/tasks/" + task.path("id").asText() + "/approve");
        assertThat(response.status()).as("%s approves: %s", user, response.body()).isEqualTo(204);
    }

    private String status(String requestId) {
        return api.as("alice").get("/api/requests/" + requestId).text("status");
    }

    private String processInstanceOf(String requestId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("resource-request")
                .processInstanceBusinessKey(requestId).singleResult().getId();
    }

    private long runtimeTaskCount(String requestId) {
        return history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(requestId).count();
    }
}
