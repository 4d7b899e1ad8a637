package io.stackgate.approvals;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inbox while approvers are busy: tasks are decided (two managers racing for each) while others read inbox pages,
 * task details and requests. Whatever changes while a read runs, no answer is a 5xx.
 */
@StackgateTest
class InboxUnderLoadApiTest {

    private static final int REQUESTS = 16;
    private static final List<String> READERS = List.of("bob", "bea", "carol", "olga");

    @Autowired
    Api api;

    @Test
    void noReadAnswersAServerErrorWhileApproversDecideConcurrently() throws Exception {
        List<String> requests = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
            requests.add(id);
            tasks.add(taskOf(api.as("bob"), id).orElseThrow().path("id").asText());
        }
        Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
        AtomicBoolean deciding = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(READERS.size() + 2);
        List<Future<?>> readers = new ArrayList<>();
        for (String reader : READERS) {
            readers.add(pool.submit(() -> {
                int rounds = 0;
                while (deciding.get() || rounds < 2) {
                    rounds++;
                    Response inbox = record(serverErrors, "inbox of " + reader, api.as(reader).get("/api/tasks?size=20"));
                    for (JsonNode task : inbox.body().path("items")) {
                        record(serverErrors, "task as " + reader,
                                api.as(reader).get("/api/tasks/" + task.path("id").asText()));
                    }
                    record(serverErrors, "administered tasks as " + reader,
                            api.as(reader).get("/api/tasks?scope=administered&size=20"));
                    record(serverErrors, "requests as " + reader, api.as(reader).get("/api/requests?size=20"));
                }
                return null;
            }));
        }
        List<Integer> approvals = new ArrayList<>();
        for (String task : tasks) {
            // bob and bea (both engineering managers) approve the same task at the same moment
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Response> bob = pool.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return api.as("bob").post("/api/tasks/" + task + "/approve");
            });
            Future<Response> bea = pool.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return api.as("bea").post("/api/tasks/" + task + "/approve");
            });
            Response first = record(serverErrors, "bob approving", bob.get(30, TimeUnit.SECONDS));
            Response second = record(serverErrors, "bea approving", bea.get(30, TimeUnit.SECONDS));
            approvals.add((first.status() == 204 ? 1 : 0) + (second.status() == 204 ? 1 : 0));
            assertThat(List.of(first.status(), second.status())).as("the loser of a race is told so")
                    .allSatisfy(status -> assertThat(status).isIn(204, 404, 409));
        }
        deciding.set(false);
        for (Future<?> reader : readers) {
            reader.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(serverErrors).as("answers with a 5xx").isEmpty();
        assertThat(approvals).as("each task is approved exactly once").containsOnly(1);
        for (String id : requests) {
            assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("PROVISIONING");
        }
    }

    private static Response record(Queue<String> serverErrors, String what, Response response) {
        if (response.status() >= 500) {
            serverErrors.add(what + ": " + response.status() + " " + response.body());
        }
        return response;
    }
}
