package io.stackgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.audit.log.AuditedEvents;
import io.stackgate.requests.RequestEvents.RequestSubmitted;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log records each domain event once, in the transaction of the change, with who did it and for which
 * tenant; a change that rolls back leaves nothing; what a refused write tried is recorded; auditors read their
 * tenants only; and a request's timeline is read from it.
 */
@StackgateTest
@Import(AuditLogApiTest.PublishedEvents.class)
class AuditLogApiTest {

    /** Every event the application publishes, as the audit log's listener sees them. */
    @TestConfiguration
    static class PublishedEvents {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(Object event) {
            if (AuditedEvents.describe(event).isPresent()) {
                events.add(event);
            }
        }
    }

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    PublishedEvents published;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aRequestsLifeIsRecordedOneRowPerEventWithWhoDidItAndItsTenant() {
        String id = Requests.submit(api, "alice", "acme", "web", "vm", Requests.smallVm()).path("id").asText();
        Requests.approveAll(api, id);
        jobs.runUntilEnded(id);
        assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("COMPLETED");

        List<JsonNode> rows = rowsOf(id);
        List<String> expected = new ArrayList<>();
        published.events.stream().filter(e -> mentions(e, id))
                .forEach(e -> expected.add(AuditedEvents.describe(e).orElseThrow().action()));

        assertThat(rows).extracting(r -> r.path("action").asText())
                .as("one row per event published for the request, in order").containsExactlyElementsOf(expected);
        assertThat(rows).extracting(r -> r.path("action").asText())
                .contains("request.submitted", "quota.reserved", "approval.approved", "request.approved",
                        "request.provisioning", "vm.provisioned", "request.completed");
        assertThat(rows).allSatisfy(r -> assertThat(r.path("tenant").asText()).isEqualTo("acme"));
        assertThat(row(rows, "request.submitted").path("actorName").asText()).isEqualTo("alice");
        assertThat(row(rows, "request.submitted").path("actorId").asText()).isNotEqualTo("alice").isNotBlank();
        assertThat(row(rows, "approval.approved").path("actorName").asText()).isEqualTo("bob");
        assertThat(row(rows, "vm.provisioned").path("actorName").asText()).as("the engine's job").isEqualTo("system");
        assertThat(row(rows, "approval.approved").path("details").asText()).contains("dept-manager");

        JsonNode timeline = api.as("alice").get("/api/requests/" + id).body().path("timeline");
        List<String> actions = new ArrayList<>();
        timeline.forEach(entry -> actions.add(entry.path("action").asText() + " by " + entry.path("actor").asText()));
        assertThat(actions).as("the timeline, read from the audit log").containsSubsequence("submitted by alice",
                "approved by bob", "request-approved by system", "provisioning-started by system", "completed by system");
        assertThat(timeline.get(0).path("at").asText()).isEqualTo(row(rows, "request.submitted").path("at").asText());
    }

    @Test
    void anApprovalByADelegateRecordsWhomTheyActedFor() {
        String id = Requests.submit(api, "alice", "acme", "web", "vm", Requests.smallVm()).path("id").asText();
        String taskId = Requests.taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/delegate", Map.of("user", "bea")).status())
                .isEqualTo(200);
        assertThat(api.as("bea").post("/api/tasks/" + taskId + "/approve", Map.of("comment", "for bob")).status())
                .isEqualTo(204);

        List<JsonNode> rows = rowsOf(id);
        assertThat(row(rows, "approval.delegated").path("actorName").asText()).isEqualTo("bob");
        JsonNode approved = row(rows, "approval.approved");
        assertThat(approved.path("actorName").asText()).isEqualTo("bea");
        assertThat(approved.path("actingFor").asText()).isEqualTo("bob");
        assertThat(approved.path("details").asText()).contains("for bob");
    }

    @Test
    void aChangeThatRollsBackLeavesNoRow() {
        String requestId = UUID.randomUUID().toString();
        long before = head();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            events.publishEvent(new RequestSubmitted(requestId, "acme", "web", "vm", "alice", BigDecimal.ONE, false,
                    Instant.now()));
            status.setRollbackOnly();
        });

        assertThat(head()).isEqualTo(before);
        assertThat(api.as("admin").get("/api/audit?subject=" + requestId).body().path("total").asLong()).isZero();
        assertThat(api.as("admin").get("/api/audit/verify").body().path("valid").asBoolean()).isTrue();
    }

    @Test
    void aRefusedWriteIsRecordedWithWhoTriedWhat() {
        assertThat(api.as("alice").post("/api/admin/tenants-config/reload").status()).isEqualTo(403);
        assertThat(api.as("alice").post("/engine-rest/process-instance/x/modification", Map.of()).status())
                .as("refused by the security rules, before any controller").isEqualTo(403);

        JsonNode refusals = api.as("admin").get("/api/audit?action=access.refused&actor=alice&size=2").body().path("items");
        assertThat(refusals).hasSize(2);
        assertThat(refusals.get(0).path("subjectId").asText()).isEqualTo("POST /engine-rest/process-instance/x/modification");
        assertThat(refusals.get(1).path("subjectId").asText()).isEqualTo("POST /api/admin/tenants-config/reload");
        assertThat(refusals.get(1).path("actorName").asText()).isEqualTo("alice");
        assertThat(refusals.get(1).path("details").asText()).contains("only platform admins");
    }

    @Test
    void aWriteThroughTheEngineApiIsRecorded() {
        // the tests' engines have generated names: address this context's engine by name
        String engine = "/engine-rest/engine/" + api.as("admin").get("/engine-rest/engine").body().get(0).path("name").asText();
        Api.Response definitions = api.as("admin").get(engine + "/process-definition?key=resource-request");
        assertThat(definitions.body().isArray()).as(definitions.status() + " " + definitions.body()).isTrue();
        assertThat(definitions.body().size()).isPositive();
        JsonNode definition = definitions.body().get(0);
        String path = engine + "/process-definition/" + definition.path("id").asText() + "/suspended";
        assertThat(definition.path("suspended").asBoolean()).isFalse();

        int status = api.as("admin").put(path, Map.of("suspended", false, "includeProcessInstances", false)).status();

        assertThat(status).as("a no-op: it stays active").isEqualTo(204);
        JsonNode row = api.as("admin").get("/api/audit?action=engine.write&size=1").body().path("items").get(0);
        assertThat(row.path("subjectId").asText()).isEqualTo("PUT " + path);
        assertThat(row.path("actorName").asText()).isEqualTo("admin");
        assertThat(api.as("admin").get("/api/audit?action=engine.&actor=admin&size=200").body().path("total").asLong())
                .as("a family of actions").isPositive();
    }

    @Test
    void auditorsAndTenantAdminsReadTheirTenantsOnly() {
        String acme = Requests.submit(api, "alice", "acme", "web", "vm", Requests.smallVm()).path("id").asText();
        String globex = Requests.submit(api, "dave", "globex", "shop", "vm", Requests.smallVm()).path("id").asText();

        for (String reader : List.of("maya", "carol")) {
            Api.Response all = api.as(reader).get("/api/audit?size=200");
            assertThat(all.status()).as(reader).isEqualTo(200);
            assertThat(all.body().path("items")).as(reader + " sees acme only")
                    .allSatisfy(r -> assertThat(r.path("tenant").asText()).isEqualTo("acme"));
            assertThat(api.as(reader).get("/api/audit?subject=" + acme).body().path("total").asLong()).isPositive();
            assertThat(api.as(reader).get("/api/audit?subject=" + globex).body().path("total").asLong())
                    .as(reader + " and globex's request").isZero();
            assertThat(api.as(reader).get("/api/audit?tenant=globex").body().path("total").asLong()).isZero();
        }
        assertThat(api.as("admin").get("/api/audit?subject=" + globex).body().path("total").asLong()).isPositive();
        for (String outsider : List.of("alice", "bob", "dave")) {
            assertThat(api.as(outsider).get("/api/audit").status()).as(outsider).isEqualTo(403);
            assertThat(api.as(outsider).get("/api/audit/verify").status()).as(outsider).isEqualTo(403);
        }
        Api.Response young = api.as("admin").post("/api/audit/archive?before=" + java.time.LocalDate.now());
        assertThat(young.status()).as("rows younger than the retention (7 years) are kept").isEqualTo(400);
        assertThat(young.text("field")).isEqualTo("before");
        assertThat(api.as("maya").post("/api/audit/archive?before=2000-01-01").status()).isEqualTo(403);
        Api.Response bad = api.as("maya").get("/api/audit?from=2026-12-02&to=2026-12-01");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("field")).isEqualTo("from");
        assertThat(api.as("maya").get("/api/audit?from=yesterday").text("field")).isEqualTo("from");
        assertThat(api.anonymous().get("/api/audit").status()).isEqualTo(401);
    }

    private List<JsonNode> rowsOf(String requestId) {
        Api.Response response = api.as("maya").get("/api/audit?subject=" + requestId + "&size=200");
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        response.body().path("items").forEach(rows::add);
        java.util.Collections.reverse(rows); // oldest first
        return rows;
    }

    private static JsonNode row(List<JsonNode> rows, String action) {
        List<JsonNode> found = rows.stream().filter(r -> r.path("action").asText().equals(action)).toList();
        assertThat(found).as(action).hasSize(1);
        return found.get(0);
    }

    private long head() {
        return api.as("admin").get("/api/audit/verify").body().at("/head/sequence").asLong();
    }

    private static boolean mentions(Object event, String requestId) {
        AuditedEvents.Described described = AuditedEvents.describe(event).orElseThrow();
        return requestId.equals(described.requestId()) || requestId.equals(described.subjectId());
    }
}
