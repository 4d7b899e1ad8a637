package io.stackgate.requests;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.StackgateTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A cancel that meets the last approval: either the cancel wins (CANCELLED, quota freed, nothing provisioned) or it is
 * refused with 409 and provisioning goes on — never a request stuck in PROVISIONING with its quota held, never an
 * interrupted provisioning.
 */
@StackgateTest
class CancelRaceApiTest {

    private static final int ROUNDS = 25;

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;

    @Test
    void aCancelRacingTheLastApprovalEitherCancelsBeforeApprovalOrIsRefused() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int cancelled = 0;
        int provisioned = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
            String task = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Integer> approve = pool.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return api.as("bob").post("/api/tasks/" + task + "/approve").status();
            });
            Future<Integer> cancel = pool.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return api.as("alice").post("/api/requests/" + id + "/cancel").status();
            });
            int approved = approve.get(30, TimeUnit.SECONDS);
            int cancelStatus = cancel.get(30, TimeUnit.SECONDS);
            String status = api.as("alice").get("/api/requests/" + id).text("status");
            String reservation = jdbc.sql("select state from quota_reservation where request_id = ?").param(id)
                    .query(String.class).single();

            assertThat(approved).as("approve, round %d", round).isIn(204, 404, 409);
            assertThat(cancelStatus).as("cancel, round %d", round).isIn(200, 409);
            if (cancelStatus == 200) {
                cancelled++;
                assertThat(approved).as("approve after a successful cancel, round %d", round).isNotEqualTo(204);
                assertThat(status).isEqualTo("CANCELLED");
                assertThat(reservation).isEqualTo("RELEASED");
                assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("provision-vm")
                        .processInstanceBusinessKey(id).count()).as("no provisioning started").isZero();
                assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
            } else if (approved == 204) {
                provisioned++;
                assertThat(status).isEqualTo("PROVISIONING");
                assertThat(reservation).isEqualTo("RESERVED");
                jobs.run(id);
                assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("COMPLETED");
            } else {
                // both refused each other: nothing changed, the request still waits for its approval
                assertThat(status).isEqualTo("PENDING_APPROVAL");
                assertThat(reservation).isEqualTo("RESERVED");
                assertThat(taskOf(api.as("bob"), id)).isPresent();
            }
        }
        pool.shutdown();
        assertThat(cancelled + provisioned).as("rounds decided one way or the other").isPositive();
    }
}
