package io.stackgate.identity;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Roles count where the groups say: a tenant admin per tenant, auditors never write, approvers per current token. */
@StackgateTest
class RoleScopeApiTest {

    private static final String MANAGERS = "/tenants/acme/engineering/managers";

    @Autowired
    Api api;

    @Test
    void aTenantAdminOfAcmeWhoIsAlsoAGlobexMemberDoesNotAdministerGlobex() {
        Api.As carolToo = api.as("carol2", List.of("/tenants/acme/admins", "/tenants/globex/operations"),
                List.of("tenant-admin"));
        String globexRequest = api.as("dave").post("/api/requests", submission("globex", "shop", "vm", smallVm())).text("id");
        String acmeRequest = api.as("alice").post("/api/requests", submission("acme", "web", "vm", smallVm())).text("id");

        assertThat(carolToo.post("/api/requests/" + globexRequest + "/cancel").status()).isEqualTo(403);
        assertThat(carolToo.get("/api/incidents?tenant=globex").body().path("items")).isEmpty();
        assertThat(carolToo.post("/api/requests/" + acmeRequest + "/cancel").status()).isEqualTo(200);
    }

    @Test
    void anAuditorChangesNothingWhateverGroupsItHas() {
        Api.As auditingManager = api.as("audrey", List.of(MANAGERS, "/tenants/acme/engineering"),
                List.of("auditor", "approver"));
        assertThat(auditingManager.post("/api/requests", submission("acme", "web", "vm", smallVm())).status())
                .isEqualTo(403);
        String id = api.as("alice").post("/api/requests", submission("acme", "web", "vm", smallVm())).text("id");
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(auditingManager.post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(403);
        assertThat(auditingManager.post("/api/tasks/" + taskId + "/claim").status()).isEqualTo(403);
    }

    @Test
    void anApproverWhoLeftTheGroupLosesTheTaskItHadClaimed() {
        String id = api.as("alice").post("/api/requests", submission("acme", "web", "vm", smallVm())).text("id");
        Api.As ben = api.as("ben", List.of(MANAGERS), List.of("approver"));
        String taskId = taskOf(ben, id).orElseThrow().path("id").asText();
        assertThat(ben.post("/api/tasks/" + taskId + "/claim").status()).isEqualTo(200);

        Api.As benAfterwards = api.as("ben", List.of("/tenants/acme/engineering"), List.of("requester"));
        assertThat(taskOf(benAfterwards, id)).isEmpty();
        assertThat(benAfterwards.post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(404);
    }
}
