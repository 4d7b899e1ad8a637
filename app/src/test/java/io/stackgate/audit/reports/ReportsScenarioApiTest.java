package io.stackgate.audit.reports;

import static io.stackgate.support.Requests.gpuVm;
import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * A scripted March 2030 in tenant acme, driven through the real API with the clock set by hand, and every report's
 * numbers worked out here from the script (prices: 18/vCPU, 4.50/GiB, 0.10/disk GiB, 900/GPU a month, so a small VM
 * costs 56.00 and a GPU VM 956.00 a month; SLAs: dept-manager 48 h, platform-ops 24 h):
 * <pre>
 * T0+0h   r1 alice submits a small VM            (dept-manager)
 * T0+1h   r2 alice submits a GPU VM              (dept-manager, then platform-ops)
 * T0+1h   r3 alice submits a small VM
 * T0+1h   g1 dave submits a small VM into globex (erin approves it at T0+2h: never in acme's reports)
 * T0+2h   bob approves r1 "同意 ok"               lead 2 h = 7200 s
 * T0+3h   r1 provisioned                         submit to running 3 h = 10800 s
 * T0+5h   bob approves r2 "ok"                   lead 4 h = 14400 s (from its submit)
 * T0+6h   bob rejects r3 "太贵 too big"           lead 5 h = 18000 s
 * T0+30h  olga approves r2                       lead 25 h = 90000 s (from bob's decision): SLA 24 h breached
 * T0+31h  r2 provisioned                         submit to running 30 h = 108000 s
 * T0+31h  r4 alice submits a small VM, left pending
 * </pre>
 */
@StackgateTest
@Import(ReportClock.Config.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsScenarioApiTest {

    static final Instant T0 = Instant.parse("2030-03-10T08:00:00Z");
    static final String PERIOD = "from=2030-03-01&to=2030-03-31&tenant=acme";

    @Autowired
    Api api;

    @Autowired
    Jobs jobs;

    @Autowired
    ReportClock clock;

    String r1;
    String r2;
    String r3;
    String r4;
    final Map<String, String> hostOf = new java.util.HashMap<>();

    @BeforeAll
    void script() {
        at(0);
        r1 = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        at(1);
        r2 = submit(api, "alice", "acme", "web", "vm", gpuVm()).path("id").asText();
        r3 = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String g1 = submit(api, "dave", "globex", "shop", "vm", smallVm()).path("id").asText();
        at(2);
        decide("erin", g1, "approve", "ok");
        decide("bob", r1, "approve", "同意 ok");
        at(3);
        jobs.run(r1);
        at(5);
        decide("bob", r2, "approve", "ok");
        at(6);
        decide("bob", r3, "reject", "太贵 too big");
        at(30);
        decide("olga", r2, "approve", "GPU ok");
        at(31);
        jobs.run(r2);
        r4 = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        clock.set(Instant.parse("2030-04-02T00:00:00Z"));
        for (String id : List.of(r1, r2)) {
            assertThat(api.as("alice").get("/api/requests/" + id).text("status")).as(id).isEqualTo("COMPLETED");
        }
        for (JsonNode vm : api.as("alice").get("/api/resources?kind=vm&tenant=acme&project=web&size=200").body().path("items")) {
            hostOf.put(vm.path("requestId").asText(), vm.path("host").asText());
        }
    }

    @Test
    void requestsCountEachTenantProjectTypeAndStatusWithTheirMonthlyCost() {
        assertThat(rows("requests", PERIOD)).containsExactly(
                "acme|web|vm|COMPLETED|2|1012.0",
                "acme|web|vm|PENDING_APPROVAL|1|56.0",
                "acme|web|vm|REJECTED|1|56.0");
    }

    @Test
    void approvalsSayWhoDecidedWhatWhenWithWhichCommentAndHowLongTheLevelWaited() {
        JsonNode report = get("approvals", PERIOD);
        assertThat(report.path("total").asLong()).isEqualTo(4);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : report.path("rows")) {
            rows.add(String.join("|", row.path("requestId").asText(), row.path("level").asText(),
                    row.path("approver").asText(), row.path("decision").asText(), row.path("comment").asText(),
                    row.path("decidedAt").asText(), row.path("leadSeconds").asText(), row.path("slaBreached").asText()));
        }
        assertThat(rows).containsExactly(
                r1 + "|dept-manager|bob|approved|同意 ok|2030-03-10T10:00:00Z|7200|false",
                r2 + "|dept-manager|bob|approved|ok|2030-03-10T13:00:00Z|14400|false",
                r3 + "|dept-manager|bob|rejected|太贵 too big|2030-03-10T14:00:00Z|18000|false",
                r2 + "|platform-ops|olga|approved|GPU ok|2030-03-11T14:00:00Z|90000|true");
        assertThat(get("approvals", PERIOD + "&approver=olga").path("rows")).hasSize(1);
        Api.Response second = api.as("maya").get("/api/reports/approvals?" + PERIOD + "&page=1&size=3");
        assertThat(second.body().path("total").asLong()).isEqualTo(4);
        assertThat(second.body().path("rows")).hasSize(1);
        assertThat(second.body().path("rows").get(0).path("approver").asText()).isEqualTo("olga");
    }

    @Test
    void leadTimesGivePerLevelAndApproverTheMedianNinetiethPercentileLongestAndSlaBreaches() {
        // dept-manager: 7200, 14400, 18000 → nearest-rank median (rank 2) 14400, p90 (rank 3) 18000
        // submit to running: 10800, 108000 → median (rank 1) 10800, p90 (rank 2) 108000
        assertThat(rows("lead-times", PERIOD)).containsExactly(
                "acme|dept-manager|*|3|14400|18000|18000|0",
                "acme|dept-manager|bob|3|14400|18000|18000|0",
                "acme|platform-ops|*|1|90000|90000|90000|1",
                "acme|platform-ops|olga|1|90000|90000|90000|1",
                "acme|submit-to-running|*|2|10800|108000|108000|0");
    }

    @Test
    void resourcesCountWhatRunsAtThePeriodsEndByProjectArchAndHost() {
        List<String> expected = new ArrayList<>();
        if (hostOf.get(r1).equals(hostOf.get(r2))) {
            expected.add("acme|web|vm|x86_64|" + hostOf.get(r1) + "|2");
        } else {
            hostOf.entrySet().stream().filter(e -> e.getKey().equals(r1) || e.getKey().equals(r2))
                    .map(Map.Entry::getValue).sorted()
                    .forEach(host -> expected.add("acme|web|vm|x86_64|" + host + "|1"));
        }
        assertThat(rows("resources", PERIOD + "&project=web")).containsExactlyElementsOf(expected);
        assertThat(rows("resources", "from=2030-03-01&to=2030-03-10&tenant=acme")).as("at the end of 03-10: r1 only")
                .containsExactly("acme|web|vm|x86_64|" + hostOf.get(r1) + "|1");
        assertThat(rows("resources", "from=2030-03-01&to=2030-03-09&tenant=acme")).as("nothing ran yet").isEmpty();
    }

    @Test
    void quotaShowsTheProjectsUseAtTheMonthsEndAgainstItsLimit() {
        // r1, r2 and r4 hold their reservations (2 vCPU, 4 GiB, 20 GiB disk each, r2 one GPU); r3's was released
        JsonNode web = get("quota", PERIOD + "&project=web").path("rows");
        assertThat(web).hasSize(1);
        JsonNode march = web.get(0);
        assertThat(march.path("month").asText()).isEqualTo("2030-03");
        assertThat(List.of(march.path("vcpusUsed").asLong(), march.path("vcpusLimit").asLong(),
                march.path("memoryMiBUsed").asLong(), march.path("diskGiBUsed").asLong(), march.path("gpusUsed").asLong(),
                march.path("vmsUsed").asLong(), march.path("vmsLimit").asLong()))
                .containsExactly(6L, 10000L, 12288L, 60L, 1L, 3L, 5000L);
    }

    @Test
    void costIsEachRunningRequestsMonthlyPriceForTheShareOfTheMonthItRan() {
        // r1 ran 2030-03-10T11:00 → 04-01: 1,861,200 s of March's 2,678,400 s × 56.00 = 38.913978
        // r2 ran 2030-03-11T15:00 → 04-01: 1,760,400 s × 956.00 / 2,678,400 = 628.338710; together 667.25
        assertThat(rows("cost", PERIOD)).containsExactly("2030-03|acme|web|EUR|2|667.25");
    }

    @Test
    void accessListsWhoHoldsEachProjectRoleMappingFromTenantsConfig() {
        // the directory's members of each mapped group, sub-groups included (the managers are engineering too)
        assertThat(rows("access", PERIOD + "&project=web")).containsExactly(
                "acme|web|Web shop|/tenants/acme/engineering/managers|owner|admin|bea",
                "acme|web|Web shop|/tenants/acme/engineering/managers|owner|admin|bob",
                "acme|web|Web shop|/tenants/acme/admins|owner|admin|carol",
                "acme|web|Web shop|/tenants/acme/engineering|member|edit|alice",
                "acme|web|Web shop|/tenants/acme/engineering|member|edit|bea",
                "acme|web|Web shop|/tenants/acme/engineering|member|edit|bob",
                "acme|web|Web shop|/tenants/acme/auditors|viewer|view|maya");
    }

    @Test
    void theHeaderCarriesTheFiltersAndTheChainHead() {
        JsonNode report = get("requests", PERIOD + "&project=web");
        assertThat(report.path("filters").path("from").asText()).isEqualTo("2030-03-01T00:00:00Z");
        assertThat(report.path("filters").path("to").asText()).isEqualTo("2030-04-01T00:00:00Z");
        assertThat(report.path("filters").path("project").asText()).isEqualTo("web");
        assertThat(report.path("tenants")).hasSize(1);
        assertThat(report.path("chainHead").asText()).isNotBlank();
        assertThat(report.path("generatedAt").asText()).isEqualTo("2030-04-02T00:00:00Z");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertProblem(api.as("maya").get("/api/reports/nonsense"), 404, "name");
        assertProblem(api.as("maya").get("/api/reports/requests?format=docx"), 400, "format");
        assertProblem(api.as("maya").get("/api/reports/requests?from=2030-04-01&to=2030-03-01"), 400, "from");
        assertProblem(api.as("maya").get("/api/reports/requests?from=yesterday"), 400, "from");
    }

    private void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.body().path("field").asText()).isEqualTo(field);
    }

    private void at(int hours) {
        clock.set(T0.plus(Duration.ofHours(hours)));
    }

    private void decide(String approver, String requestId, String decision, String comment) {
        String task = taskOf(api.as(approver), requestId).orElseThrow().path("id").asText();
        Api.Response response = api.as(approver).post("/api/tasks/" + task + "/" + decision, Map.of("comment", comment));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(204);
    }

    private JsonNode get(String report, String query) {
        Api.Response response = api.as("maya").get("/api/reports/" + report + "?" + query + "&size=200");
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    /** The report's rows as lines of their values, in the report's order. */
    private List<String> rows(String report, String query) {
        JsonNode body = get(report, query);
        List<String> lines = new ArrayList<>();
        for (JsonNode row : body.path("rows")) {
            List<String> values = new ArrayList<>();
            row.forEach(value -> values.add(value.isNull() ? "null" : value.asText()));
            lines.add(String.join("|", values));
        }
        return lines;
    }
}
