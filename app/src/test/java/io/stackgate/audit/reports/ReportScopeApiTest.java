package io.stackgate.audit.reports;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Reports are cut to the caller's tenants: with a request approved and running in each of acme and globex in June
 * 2032, maya (acme's auditor) and carol (acme's admin) see acme's and nothing of globex's in any report, olga
 * (platform-ops) sees both, and alice (a requester) reads none.
 */
@StackgateTest
@Import(ReportClock.Config.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportScopeApiTest {

    static final String PERIOD = "from=2032-06-01&to=2032-06-30&size=200";

    @Autowired
    Api api;

    @Autowired
    Jobs jobs;

    @Autowired
    ReportClock clock;

    @BeforeAll
    void bothTenantsRunSomething() {
        clock.set(Instant.parse("2032-06-10T08:00:00Z"));
        String acme = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String globex = submit(api, "dave", "globex", "shop", "vm", smallVm()).path("id").asText();
        clock.set(Instant.parse("2032-06-10T09:00:00Z"));
        approve("bob", acme);
        approve("erin", globex);
        jobs.run(acme);
        jobs.run(globex);
        clock.set(Instant.parse("2032-07-01T12:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"requests", "approvals", "lead-times", "resources", "quota", "cost", "access"})
    void acmesAuditorAndAdminSeeAcmeAndNothingOfGlobexWhilePlatformOpsSeesBoth(String report) {
        assertThat(tenantsIn("maya", report)).containsExactly("acme");
        assertThat(tenantsIn("carol", report)).containsExactly("acme");
        assertThat(tenantsIn("olga", report)).containsExactly("acme", "globex");
    }

    @Test
    void askingForAnotherTenantIsNotFoundAndARequesterReadsNoReport() {
        assertThat(api.as("maya").get("/api/reports/requests?tenant=globex").status()).isEqualTo(404);
        assertThat(api.as("maya").get("/api/reports/requests?tenant=globex&format=csv").status()).isEqualTo(404);
        assertThat(api.as("alice").get("/api/reports/requests").status()).isEqualTo(403);
        assertThat(api.as("alice").get("/api/reports/approvals?format=pdf").status()).isEqualTo(403);
        assertThat(api.as("erin").get("/api/reports/approvals?tenant=globex").status()).isEqualTo(403);
        assertThat(api.anonymous().get("/api/reports/requests").status()).isEqualTo(401);
    }

    private Set<String> tenantsIn(String caller, String report) {
        Api.Response response = api.as(caller).get("/api/reports/" + report + "?" + PERIOD);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        Set<String> tenants = new TreeSet<>();
        for (JsonNode row : response.body().path("rows")) {
            tenants.add(row.path("tenant").asText());
        }
        return tenants;
    }

    private void approve(String approver, String requestId) {
        String task = taskOf(api.as(approver), requestId).orElseThrow().path("id").asText();
        assertThat(api.as(approver).post("/api/tasks/" + task + "/approve", Map.of("comment", "ok")).status())
                .isEqualTo(204);
    }
}
