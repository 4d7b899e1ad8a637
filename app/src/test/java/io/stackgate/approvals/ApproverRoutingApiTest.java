package io.stackgate.approvals;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static io.stackgate.support.Requests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The org unit whose approvers decide is the project's, whoever submits and whatever groups they are in. */
@StackgateTest
class ApproverRoutingApiTest {

    @Autowired
    Api api;

    @Test
    void anEngineerAskingInAFinanceProjectIsApprovedByFinanceManagers() {
        JsonNode submitted = submit(api, "alice", "acme", "ledger", "vm", smallVm());
        String id = submitted.path("id").asText();
        assertThat(submitted.path("orgUnit").asText()).isEqualTo("finance");

        JsonNode task = taskOf(api.as("fiona"), id).orElseThrow();
        assertThat(texts(task.path("candidateGroups"), null)).containsExactly("/tenants/acme/finance/managers");
        assertThat(taskOf(api.as("bob"), id)).as("engineering managers do not decide for finance").isEmpty();
    }

    @Test
    void someoneInSeveralUnitsGetsTheProjectsApproversEveryTime() {
        Api.As both = api.as("rita", List.of("/tenants/acme/finance", "/tenants/acme/engineering"),
                List.of("requester"));
        for (int attempt = 0; attempt < 3; attempt++) {
            String inLedger = both.post("/api/requests", io.stackgate.support.Requests.submission("acme", "ledger", "vm",
                    smallVm())).text("id");
            String inWeb = both.post("/api/requests", io.stackgate.support.Requests.submission("acme", "web", "vm",
                    smallVm())).text("id");
            assertThat(taskOf(api.as("fiona"), inLedger)).isPresent();
            assertThat(taskOf(api.as("bob"), inWeb)).isPresent();
            assertThat(taskOf(api.as("fiona"), inWeb)).isEmpty();
        }
    }
}
