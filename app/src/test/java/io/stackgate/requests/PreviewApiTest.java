package io.stackgate.requests;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaService;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@StackgateTest
class PreviewApiTest {

    @Autowired
    Api api;

    @Autowired
    QuotaService quotas;

    @Autowired
    HistoryService history;

    @Test
    void aPreviewOfASmallVmShowsTheLevelsTheSubmitThenGets() {
        Map<String, Object> spec = smallVm();

        Response preview = api.as("alice").post("/api/requests/preview", submission("acme", "web", "vm", spec));
        JsonNode submitted = submit(api, "alice", "acme", "web", "vm", spec);

        assertThat(preview.status()).as("%s", preview.body()).isEqualTo(200);
        JsonNode body = preview.body();
        assertThat(body.path("tenant").asText()).isEqualTo("acme");
        assertThat(body.path("project").asText()).isEqualTo("web");
        assertThat(body.path("type").asText()).isEqualTo("vm");
        assertThat(body.path("preApproved").asBoolean()).isFalse();
        assertThat(texts(body.path("approvalLevels"), "level"))
                .containsExactlyElementsOf(texts(submitted.path("approvalLevels"), "level"))
                .containsExactly("dept-manager");
        assertThat(body.path("approvalLevels").get(0).path("candidateGroup").asText())
                .isEqualTo(submitted.path("approvalLevels").get(0).path("candidateGroup").asText());
        assertThat(body.path("approvalLevels").get(0).path("slaHours").asLong()).isPositive();
        assertThat(body.path("estimatedMonthlyCost").path("amount").decimalValue())
                .isEqualByComparingTo(submitted.path("monthlyCost").decimalValue());
        assertThat(body.path("estimatedMonthlyCost").path("currency").asText()).isEqualTo(submitted.path("currency").asText());
        assertThat(body.path("quota").path("fits").asBoolean()).isTrue();
        assertThat(body.path("quota").path("requested").path("vcpus").asInt()).isEqualTo(2);
    }

    @Test
    void aGpuVmPreviewAddsPlatformOps() {
        Response preview = api.as("alice").post("/api/requests/preview",
                submission("acme", "web", "vm", Requests.gpuVm()));

        assertThat(texts(preview.body().path("approvalLevels"), "level")).containsExactly("dept-manager", "platform-ops");
    }

    @Test
    void aPreviewBeyondTheProjectQuotaSaysItDoesNotFitAndNeedsTheTenantAdmin() {
        Response preview = api.as("alice").post("/api/requests/preview",
                submission("acme", "tight", "vm", Requests.vm(2, 4096, 200, 0)));

        assertThat(preview.status()).as("%s", preview.body()).isEqualTo(200);
        assertThat(preview.body().path("quota").path("fits").asBoolean()).isFalse();
        assertThat(texts(preview.body().path("quota").path("exceeded"), null)).contains("project.diskGiB");
        assertThat(texts(preview.body().path("approvalLevels"), "level")).contains("tenant-admin");
    }

    @Test
    void aPreviewLeavesNoRequestNoProcessInstanceAndNoQuotaBehind() {
        int requests = mine("alice");
        Quota used = quotas.usage("acme", "web").used();
        long instances = history.createHistoricProcessInstanceQuery().count();
        long decisions = history.createHistoricDecisionInstanceQuery().count();

        Response preview = api.as("alice").post("/api/requests/preview", submission("acme", "web", "vm", smallVm()));

        assertThat(preview.status()).as("%s", preview.body()).isEqualTo(200);
        assertThat(mine("alice")).isEqualTo(requests);
        assertThat(quotas.usage("acme", "web").used()).isEqualTo(used);
        assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
        assertThat(history.createHistoricDecisionInstanceQuery().count()).isEqualTo(decisions);
    }

    @Test
    void aPreviewWithABadFieldIsRefusedNamingTheFieldAsSubmitWould() {
        Map<String, Object> spec = new LinkedHashMap<>(smallVm());
        spec.put("vcpus", 0);

        Response preview = api.as("alice").post("/api/requests/preview", submission("acme", "web", "vm", spec));
        Response submitted = api.as("alice").post("/api/requests", submission("acme", "web", "vm", spec));

        assertThat(preview.status()).isEqualTo(400);
        assertThat(preview.text("field")).isEqualTo("spec.vcpus");
        assertThat(preview.body().path("errors")).anySatisfy(
                (JsonNode error) -> assertThat(error.path("field").asText()).isEqualTo("spec.vcpus"));
        assertThat(preview.text("type")).isEqualTo(submitted.text("type"));
    }

    @Test
    void aPreviewNeedsNoJustificationYetWhileTheSubmitStillDoes() {
        Map<String, Object> blank = new LinkedHashMap<>(submission("acme", "web", "vm", smallVm()));
        blank.put("justification", "  ");
        Map<String, Object> missing = new LinkedHashMap<>(blank);
        missing.remove("justification");
        Map<String, Object> tooLong = new LinkedHashMap<>(blank);
        tooLong.put("justification", "x".repeat(2001));

        Response blankPreview = api.as("alice").post("/api/requests/preview", blank);
        Response missingPreview = api.as("alice").post("/api/requests/preview", missing);
        Response tooLongPreview = api.as("alice").post("/api/requests/preview", tooLong);
        int before = mine("alice");
        Response blankSubmit = api.as("alice").post("/api/requests", blank);

        assertThat(blankPreview.status()).as("%s", blankPreview.body()).isEqualTo(200);
        assertThat(texts(blankPreview.body().path("approvalLevels"), "level")).containsExactly("dept-manager");
        assertThat(missingPreview.status()).as("%s", missingPreview.body()).isEqualTo(200);
        assertThat(tooLongPreview.status()).as("the length limit still holds").isEqualTo(400);
        assertThat(tooLongPreview.text("field")).isEqualTo("justification");
        assertThat(blankSubmit.status()).isEqualTo(400);
        assertThat(blankSubmit.text("field")).isEqualTo("justification");
        assertThat(mine("alice")).isEqualTo(before);
    }

    @Test
    void aPreviewIntoAnotherTenantsProjectIsRefusedAsSubmitWould() {
        Response preview = api.as("dave").post("/api/requests/preview", submission("acme", "web", "vm", smallVm()));
        Response submitted = api.as("dave").post("/api/requests", submission("acme", "web", "vm", smallVm()));

        assertThat(preview.status()).isEqualTo(404).isEqualTo(submitted.status());
        assertThat(preview.text("type")).isEqualTo(submitted.text("type"));
    }

    @Test
    void anAuditorMayNotPreviewAsHeMayNotSubmit() {
        Response preview = api.as("maya").post("/api/requests/preview", submission("acme", "web", "vm", smallVm()));

        assertThat(preview.status()).isEqualTo(403);
    }

    private int mine(String user) {
        return api.as(user).get("/api/requests?mine=true").body().path("total").asInt();
    }
}
