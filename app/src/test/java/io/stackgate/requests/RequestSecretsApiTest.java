package io.stackgate.requests;

import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static io.stackgate.support.Requests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cloud-init user data and SSH keys are read by the requester, the project's owners, the tenant's admins and platform
 * operators — not by every member of the tenant, approvers of another level or auditors.
 */
@StackgateTest
class RequestSecretsApiTest {

    private static final String USER_DATA = "#cloud-config\nchpasswd: {list: 'root:s3cret'}\n";
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk alice@laptop";

    @Autowired
    Api api;

    private String vmWithSecrets() {
        Map<String, Object> spec = Requests.smallVm();
        spec.put("userData", USER_DATA);
        spec.put("sshKeys", List.of(KEY));
        return submit(api, "alice", "acme", "web", "vm", spec).path("id").asText();
    }

    @Test
    void theRequesterOwnersAdminsAndOperatorsReadTheSecrets() {
        String id = vmWithSecrets();
        for (String reader : List.of("alice", "bob", "carol", "olga", "admin")) {
            JsonNode request = api.as(reader).get("/api/requests/" + id).body();
            assertThat(request.path("spec").path("userData").asText()).as(reader).isEqualTo(USER_DATA);
            assertThat(texts(request.path("spec").path("sshKeys"), null)).as(reader).containsExactly(KEY);
            assertThat(request.path("hidden")).as(reader).isEmpty();
        }
    }

    @Test
    void membersAndAuditorsSeeTheRequestWithoutThem() {
        String id = vmWithSecrets();
        Api.As member = api.as("eve", List.of("/tenants/acme/engineering"), List.of("requester"));
        for (Api.As reader : List.of(member, api.as("maya"))) {
            JsonNode request = reader.get("/api/requests/" + id).body();
            assertThat(request.path("spec").path("name").asText()).isNotEmpty();
            assertThat(request.path("spec").has("userData")).isFalse();
            assertThat(request.path("spec").path("sshKeys")).isEmpty();
            assertThat(texts(request.path("hidden"), null)).containsExactly("spec.userData", "spec.sshKeys");
        }
    }

    @Test
    void anApproverWhoIsNotAnOwnerDecidesWithoutThem() {
        Map<String, Object> spec = Requests.gpuVm();
        spec.put("userData", USER_DATA);
        String id = submit(api, "alice", "acme", "web", "vm", spec).path("id").asText();
        String first = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + first + "/approve").status()).isEqualTo(204);
        JsonNode opsTask = taskOf(api.as("ops2", List.of(), List.of("platform-ops", "approver")), id).orElseThrow();
        // platform operators read everything; an approver of the tenant who owns nothing does not
        assertThat(opsTask.path("request").path("spec").path("userData").asText()).isEqualTo(USER_DATA);

        String financeVm = vmWithSecretsIn("ledger");
        JsonNode financeTask = taskOf(api.as("fiona"), financeVm).orElseThrow();
        assertThat(financeTask.path("request").path("spec").path("userData").asText())
                .as("fiona owns ledger: she may").isEqualTo(USER_DATA);
        Api.As deputy = api.as("finn", List.of("/tenants/acme/finance/managers"), List.of("approver"));
        JsonNode deputyView = deputy.get("/api/tasks/" + financeTask.path("id").asText()).body();
        assertThat(deputyView.path("request").path("spec").path("userData").asText()).isEqualTo(USER_DATA);
        Api.As memberApprover = api.as("mia", List.of("/tenants/acme/finance/managers", "/tenants/acme/engineering"),
                List.of("approver"));
        JsonNode webTaskView = memberApprover.get("/api/requests/" + id).body();
        assertThat(webTaskView.path("spec").has("userData")).as("a member of web, owner only of ledger").isFalse();
    }

    private String vmWithSecretsIn(String project) {
        Map<String, Object> spec = Requests.smallVm();
        spec.put("userData", USER_DATA);
        return submit(api, "alice", "acme", project, "vm", spec).path("id").asText();
    }
}
