package io.stackgate.requests;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.compute.FailingHypervisor;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.TestDatabases;
import io.stackgate.support.TestProfiles;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A tenant's approval policy is its own: in src/test/tenants-config-policies acme keeps the default decision and
 * globex names the strict one ({@code approval.decision: approval-chain-strict.dmn}), so the same small VM needs one
 * approval in acme and two in globex.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "stackgate.tenants.config-dir=src/test/tenants-config-policies")
@ActiveProfiles(resolver = TestProfiles.class)
@Import({TestDatabases.class, Api.class, Jobs.class, FailingHypervisor.Config.class})
class PolicyPerTenantApiTest {

    @Autowired
    Api api;

    @Autowired
    RepositoryService repository;

    @Test
    void twoTenantsDecideTheSameRequestDifferently() {
        JsonNode inAcme = submit(api, "alice", "acme", "web", "vm", smallVm());
        JsonNode inGlobex = submit(api, "dave", "globex", "shop", "vm", smallVm());

        assertThat(levels(inAcme)).containsExactly("dept-manager");
        assertThat(levels(inGlobex)).containsExactly("dept-manager", "platform-ops");
    }

    @Test
    void twoTenantsPreviewTheSameRequestDifferentlyAsTheirSubmitsDecide() {
        JsonNode inAcme = api.as("alice").post("/api/requests/preview", submission("acme", "web", "vm", smallVm())).body();
        JsonNode inGlobex = api.as("dave").post("/api/requests/preview", submission("globex", "shop", "vm", smallVm())).body();

        assertThat(levels(inAcme)).containsExactly("dept-manager");
        assertThat(levels(inGlobex)).containsExactly("dept-manager", "platform-ops");
        assertThat(levels(inGlobex)).containsExactlyElementsOf(levels(submit(api, "dave", "globex", "shop", "vm", smallVm())));
    }

    @Test
    void eachTenantGetsTheDecisionItsPolicyNames() {
        assertThat(approvalChainOf("acme").getResourceName()).isEqualTo("approval-chain.dmn");
        assertThat(approvalChainOf("globex").getResourceName()).isEqualTo("approval-chain-strict.dmn");
    }

    private DecisionDefinition approvalChainOf(String tenant) {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey("approval-chain").tenantIdIn(tenant)
                .latestVersion().singleResult();
    }

    private static List<String> levels(JsonNode request) {
        List<String> levels = new ArrayList<>();
        request.path("approvalLevels").forEach(level -> levels.add(level.path("level").asText()));
        return levels;
    }
}
