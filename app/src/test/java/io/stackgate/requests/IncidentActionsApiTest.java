package io.stackgate.requests;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import io.stackgate.compute.FailingHypervisor;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.StackgateTest;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@StackgateTest
class IncidentActionsApiTest {

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    FailingHypervisor hypervisor;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aProvisioningFailureIsAcknowledgedWithACommentAndCannotBeRetried() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(204);
        hypervisor.failAlways("define", true);
        try {
            jobs.run(id);
        } finally {
            hypervisor.heal();
        }
        String incident = history.createHistoricIncidentQuery().incidentType("provisioningFailed").configuration(id)
                .singleResult().getId();

        assertThat(api.as("carol").post("/api/incidents/" + incident + "/resolve", Map.of("comment", "x")).status())
                .isEqualTo(403);
        Response retry = api.as("olga").post("/api/incidents/" + incident + "/retry");
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.text("type")).endsWith("/incident-not-retryable");
        Response resolved = api.as("olga").post("/api/incidents/" + incident + "/resolve",
                Map.of("comment", "host replaced; the requester resubmits"));

        assertThat(resolved.status()).as(resolved.body().toString()).isEqualTo(200);
        assertThat(resolved.text("action")).isEqualTo("acknowledged");
        assertThat(resolved.text("state")).isEqualTo("closed");
        assertThat(resolved.text("acknowledgedBy")).isEqualTo("olga");
        assertThat(jdbc.sql("select comment from incident_acknowledgement where incident_id = ?").param(incident)
                .query(String.class).single()).isEqualTo("host replaced; the requester resubmits");

        JsonNode listed = StreamSupport.stream(api.as("olga").get("/api/incidents?state=closed&size=200").body()
                .path("items").spliterator(), false).filter(item -> incident.equals(item.path("id").asText()))
                .findFirst().orElseThrow();
        assertThat(listed.path("processInstanceId").asText()).isEqualTo(history.createHistoricIncidentQuery()
                .incidentId(incident).singleResult().getProcessInstanceId());
        assertThat(listed.at("/acknowledgement/by").asText()).isEqualTo("olga");
        assertThat(listed.at("/acknowledgement/comment").asText()).isEqualTo("host replaced; the requester resubmits");
        assertThat(listed.at("/acknowledgement/at").asText()).isNotEmpty();

        JsonNode audited = api.as("admin").get("/api/audit?subject=" + incident).body().path("items");
        assertThat(audited).as("the audit log: olga acknowledged it").singleElement().satisfies(row -> {
            assertThat(row.path("action").asText()).isEqualTo("incident.acknowledged");
            assertThat(row.path("actorName").asText()).isEqualTo("olga");
            assertThat(row.path("tenant").asText()).isEqualTo("acme");
            assertThat(row.path("details").asText()).contains("host replaced");
        });
        assertThat(api.as("admin").get("/api/audit?action=access.refused&actor=carol&size=200").body().path("items"))
                .as("and carol's attempt").anySatisfy(row -> assertThat(row.path("subjectId").asText())
                        .isEqualTo("POST /api/incidents/" + incident + "/resolve"));
    }

    @Test
    void anUnknownIncidentIsNotFoundAndAResolutionNeedsAComment() {
        assertThat(api.as("olga").post("/api/incidents/nope/retry").status()).isEqualTo(404);
        assertThat(api.as("olga").post("/api/incidents/nope/resolve", Map.of("comment", "x")).status()).isEqualTo(404);
        assertThat(api.as("olga").post("/api/incidents/nope/resolve", Map.of("comment", "")).status()).isEqualTo(400);
    }
}
