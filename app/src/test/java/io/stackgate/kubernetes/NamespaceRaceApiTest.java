package io.stackgate.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Pre-approved namespace requests for one name, submitted at the same moment: the name is held in the submitting
 * transaction under a unique key, so one wins and the others fail with 400 on {@code spec.suffix}, leaving no request,
 * no process and no quota behind. Runs on H2 and on MariaDB (the mariadb-test run). Same context as
 * {@link DemoClusterApiTest}.
 */
@StackgateTest
@TestPropertySource(properties = {"stackgate.kubernetes.clusters[0].name=demo",
    "stackgate.kubernetes.clusters[0].kubeconfig=demo",
    "stackgate.kubernetes.clusters[0].demo-kubeconfig-file=" + DemoClusterApiTest.KUBECONFIG})
class NamespaceRaceApiTest {

    private static final int SUBMITTERS = 6;

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    JdbcClient jdbc;

    @Test
    void ofConcurrentRequestsForOneNamespaceOneWinsAndTheOthersFailNamingTheSuffixLeavingNothingBehind()
            throws Exception {
        String suffix = Requests.uniqueName("race");
        Map<String, Object> spec = Map.of("suffix", suffix, "quota", Map.of("vcpus", 3, "memoryMiB", 3072));
        int usedBefore = usedVcpus();
        ExecutorService threads = Executors.newFixedThreadPool(SUBMITTERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < SUBMITTERS; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return api.as("alice").post("/api/requests", Requests.submission("acme", "web", "namespace", spec));
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get(2, TimeUnit.MINUTES));
            }

            assertThat(responses).filteredOn(response -> response.status() == 201).hasSize(1);
            assertThat(responses).filteredOn(response -> response.status() != 201).hasSize(SUBMITTERS - 1)
                    .allSatisfy(refused -> {
                        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(400);
                        assertThat(refused.body().path("field").asText()).isEqualTo("spec.suffix");
                        assertThat(refused.body().path("detail").asText()).contains("acme-web-" + suffix);
                    });
            String winner = responses.stream().filter(response -> response.status() == 201).findFirst().orElseThrow()
                    .body().path("id").asText();
            List<String> stored = jdbc.sql("select id from resource_request where spec like ?").param("%" + suffix + "%")
                    .query(String.class).list();
            assertThat(stored).as("no request of the losers is stored").containsExactly(winner);
            assertThat(usedVcpus()).as("only the winner's share is held").isEqualTo(usedBefore + 3);

            jobs.run(winner);
            assertThat(api.as("alice").get("/api/requests/" + winner).text("status")).isEqualTo("COMPLETED");
            List<String> namespaces = new ArrayList<>();
            for (JsonNode namespace : api.as("alice").get("/api/resources?kind=namespace&project=web&size=200").body().path("items")) {
                if (namespace.path("name").asText().equals("acme-web-" + suffix)) {
                    namespaces.add(namespace.path("requestId").asText() + " " + namespace.path("state").asText());
                }
            }
            assertThat(namespaces).containsExactly(winner + " ACTIVE");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRejectedNamespaceRequestFreesItsNameForTheNextOne() {
        String suffix = Requests.uniqueName("again");
        // beyond the project's quota: the tenant admin decides, and rejects
        Map<String, Object> spec = Map.of("suffix", suffix, "quota", Map.of("vcpus", 4096));
        String first = Requests.submit(api, "alice", "acme", "tight", "namespace", spec).path("id").asText();
        Api.Response held = api.as("alice").post("/api/requests", Requests.submission("acme", "tight", "namespace",
                Map.of("suffix", suffix)));
        assertThat(held.status()).isEqualTo(400);
        assertThat(held.body().path("field").asText()).isEqualTo("spec.suffix");

        JsonNode task = Requests.taskOf(api.as("carol").get("/api/tasks"), first).orElseThrow();
        assertThat(api.as("carol").post("/api/tasks/" + task.path("id").asText() + "/reject",
                Map.of("comment", "too much")).status()).isEqualTo(204);

        assertThat(api.as("alice").post("/api/requests", Requests.submission("acme", "tight", "namespace",
                Map.of("suffix", suffix))).status()).isEqualTo(201);
    }

    private int usedVcpus() {
        for (JsonNode project : api.as("alice").get("/api/tenants/acme/projects").body()) {
            if (project.path("id").asText().equals("web")) {
                return project.path("used").path("vcpus").asInt();
            }
        }
        throw new AssertionError("no project web");
    }
}
