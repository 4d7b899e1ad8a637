package io.stackgate.kubernetes;

import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A project's namespaces share its quota: each namespace request carries its share (or the configured default), which
 * is reserved against the project's quota at submit — beyond it the tenant admin decides — and becomes its
 * ResourceQuota; an approved quota change naming a namespace grows the project's quota, the share and the
 * ResourceQuota. On the demo cluster (same context as {@link DemoClusterApiTest}); NamespaceProvisioningIT proves the
 * ResourceQuota on a real API server.
 */
@StackgateTest
@TestPropertySource(properties = {"stackgate.kubernetes.clusters[0].name=demo",
    "stackgate.kubernetes.clusters[0].kubeconfig=demo",
    "stackgate.kubernetes.clusters[0].demo-kubeconfig-file=" + DemoClusterApiTest.KUBECONFIG})
class NamespaceQuotaApiTest {

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    RbacSync sync;
    @Autowired
    JdbcClient jdbc;

    KubernetesClient cluster;

    @BeforeEach
    void cluster() throws Exception {
        cluster = DemoClusterApiTest.demoCluster();
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void preApprovedNamespacesShareTheProjectsQuotaAndTheOneBeyondItWaitsForTheTenantAdmin() {
        // project shared: 4 vCPUs, 8 GiB, 100 GiB; nothing else uses it
        Map<String, Object> half = Map.of("vcpus", 2, "memoryMiB", 4096, "diskGiB", 40);
        JsonNode first = submit(api, "alice", "acme", "shared", "namespace",
                Map.of("suffix", Requests.uniqueName("a"), "quota", half));
        JsonNode second = submit(api, "alice", "acme", "shared", "namespace",
                Map.of("suffix", Requests.uniqueName("b"), "quota", half));
        jobs.run(first.path("id").asText());
        jobs.run(second.path("id").asText());
        assertThat(status(first)).isEqualTo("COMPLETED");
        assertThat(status(second)).isEqualTo("COMPLETED");
        assertThat(used("shared").path("vcpus").asInt()).isEqualTo(4);
        assertThat(used("shared").path("memoryMiB").asLong()).isEqualTo(8192);

        JsonNode third = submit(api, "alice", "acme", "shared", "namespace",
                Map.of("suffix", Requests.uniqueName("c"), "quota", Map.of("vcpus", 1, "memoryMiB", 1024)));
        jobs.run(third.path("id").asText());

        assertThat(third.path("overQuota").asBoolean()).isTrue();
        assertThat(texts(third.path("approvalLevels"), "level")).containsExactly("tenant-admin");
        assertThat(status(third)).as("no namespace beyond the quota without the tenant admin").isEqualTo("PENDING_APPROVAL");
        assertThat(cluster.namespaces().withName(namespace("shared", third)).get()).isNull();
        assertThat(hard(namespace("shared", first))).containsEntry("requests.cpu", "2").containsEntry("limits.memory", "4096Mi")
                .containsEntry("requests.storage", "40Gi").containsEntry("requests.nvidia.com/gpu", "0");

        Requests.approveAll(api, third.path("id").asText());
        jobs.run(third.path("id").asText());
        assertThat(status(third)).isEqualTo("COMPLETED");
        assertThat(hard(namespace("shared", third))).containsEntry("requests.cpu", "1")
                .as("disk left out: the default share's").containsEntry("requests.storage", "20Gi");
        assertThat(used("shared").path("vcpus").asInt()).isEqualTo(5);

        String decommission = submit(api, "alice", "acme", "shared", "decommission",
                Map.of("requestId", third.path("id").asText())).path("id").asText();
        Requests.approveAll(api, decommission);
        jobs.run(decommission);
        assertThat(api.as("alice").get("/api/requests/" + decommission).text("status")).isEqualTo("COMPLETED");
        assertThat(used("shared").path("vcpus").asInt()).as("a decommissioned namespace frees its share").isEqualTo(4);
    }

    @Test
    void aNamespaceRequestThatNamesNoQuotaGetsTheConfiguredDefaultShare() {
        JsonNode request = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", Requests.uniqueName("d")));
        jobs.run(request.path("id").asText());

        assertThat(request.path("spec").path("quota").toString())
                .isEqualTo("{\"vcpus\":2,\"memoryMiB\":4096,\"diskGiB\":20,\"gpus\":0}");
        assertThat(hard(namespace("web", request))).containsEntry("requests.cpu", "2").containsEntry("requests.memory", "4096Mi");
        assertThat(api.as("alice").get("/api/resources?kind=namespace&project=web&size=200").body().path("items")).anySatisfy(resource -> {
            assertThat(resource.path("requestId").asText()).isEqualTo(request.path("id").asText());
            assertThat(resource.path("quota").path("vcpus").asInt()).isEqualTo(2);
        });
    }

    @Test
    void aNamespaceMadeBeforeSharesExistedGetsTheConfiguredDefaultShare() {
        JsonNode request = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", Requests.uniqueName("old"),
                "quota", Map.of("vcpus", 5, "memoryMiB", 5120)));
        String id = request.path("id").asText();
        jobs.run(id);
        String name = namespace("web", request);
        assertThat(hard(name)).containsEntry("requests.cpu", "5");
        // what a row from before V20 looks like: no share stored
        jdbc.sql("update k8s_namespace set quota_vcpus = null, quota_memory_mib = null, quota_disk_gib = null, "
                + "quota_gpus = null where request_id = ?").param(id).update();

        assertThat(sync.syncAll()).filteredOn(correction -> correction.namespace().equals(name))
                .extracting(NamespaceEvents.NamespaceCorrected::what).anyMatch(what -> what.startsWith("quota"));
        assertThat(hard(name)).containsEntry("requests.cpu", "2").containsEntry("requests.memory", "4096Mi")
                .containsEntry("requests.storage", "20Gi");
        assertThat(api.as("alice").get("/api/resources?kind=namespace&project=web&size=200").body().path("items")).anySatisfy(resource -> {
            assertThat(resource.path("requestId").asText()).isEqualTo(id);
            assertThat(resource.path("quota").path("vcpus").asInt()).isEqualTo(2);
            assertThat(resource.path("quota").path("configuredDefault").asBoolean()).isTrue();
        });
    }

    @Test
    void anApprovedQuotaChangeNamingANamespaceRaisesTheProjectTheShareAndTheResourceQuota() {
        JsonNode namespace = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", Requests.uniqueName("q"),
                "quota", Map.of("vcpus", 1, "memoryMiB", 1024, "diskGiB", 10)));
        jobs.run(namespace.path("id").asText());
        String name = namespace("web", namespace);
        assertThat(hard(name)).containsEntry("requests.cpu", "1");
        JsonNode before = project("web");

        JsonNode change = submit(api, "alice", "acme", "web", "quota-change", Map.of("vcpus", 2, "memoryMiB", 2048,
                "namespace", namespace.path("id").asText()));
        assertThat(texts(change.path("approvalLevels"), "level")).contains("tenant-admin");
        Requests.approveAll(api, change.path("id").asText());
        jobs.run(change.path("id").asText());

        assertThat(status(change)).isEqualTo("COMPLETED");
        assertThat(hard(name)).containsEntry("requests.cpu", "3").containsEntry("limits.cpu", "3")
                .containsEntry("requests.memory", "3072Mi").containsEntry("requests.storage", "10Gi");
        JsonNode after = project("web");
        assertThat(after.path("quota").path("vcpus").asInt()).isEqualTo(before.path("quota").path("vcpus").asInt() + 2);
        assertThat(after.path("used").path("vcpus").asInt()).as("the namespace holds its grown share")
                .isEqualTo(before.path("used").path("vcpus").asInt() + 2);
        assertThat(sync.syncAll()).as("the sync keeps the raised share").noneMatch(c -> c.namespace().equals(name));

        String decommission = submit(api, "alice", "acme", "web", "decommission",
                Map.of("requestId", namespace.path("id").asText())).path("id").asText();
        Requests.approveAll(api, decommission);
        jobs.run(decommission);
        assertThat(project("web").path("used").path("vcpus").asInt()).as("share and growth are freed")
                .isEqualTo(before.path("used").path("vcpus").asInt() - 1);
    }

    @Test
    void aQuotaChangeMayNameOnlyAnActiveNamespaceOfItsOwnProject() {
        JsonNode namespace = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", Requests.uniqueName("o")));
        String id = namespace.path("id").asText();

        Api.Response notYetActive = api.as("alice").post("/api/requests",
                Requests.submission("acme", "web", "quota-change", Map.of("vcpus", 1, "namespace", id)));
        jobs.run(id);
        Api.Response otherProject = api.as("alice").post("/api/requests",
                Requests.submission("acme", "data", "quota-change", Map.of("vcpus", 1, "namespace", id)));
        Api.Response otherTenant = api.as("dave").post("/api/requests",
                Requests.submission("globex", "shop", "quota-change", Map.of("vcpus", 1, "namespace", id)));

        for (Api.Response refused : java.util.List.of(notYetActive, otherProject, otherTenant)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().path("field").asText()).isEqualTo("spec.namespace");
            assertThat(refused.body().path("detail").asText()).contains("no active namespace of request " + id);
        }
    }

    @Test
    void decommissioningARequestNeverDeletesANamespaceOfTheSameNameMadeForSomeoneElse() {
        JsonNode request = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", Requests.uniqueName("x")));
        String id = request.path("id").asText();
        jobs.run(id);
        String name = namespace("web", request);
        // behind the platform's back: its namespace deleted, another of the same name made by someone else
        cluster.namespaces().withName(name).delete();
        cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("stackgate.io/request", "someone-else").endMetadata().build()).create();

        sync.syncAll();
        assertThat(cluster.namespaces().withName(name).get().getMetadata().getLabels())
                .as("the sync does not adopt it").containsEntry("stackgate.io/request", "someone-else");
        String decommission = submit(api, "alice", "acme", "web", "decommission", Map.of("requestId", id))
                .path("id").asText();
        Requests.approveAll(api, decommission);
        jobs.run(decommission);

        assertThat(api.as("alice").get("/api/requests/" + decommission).text("status")).isEqualTo("COMPLETED");
        assertThat(cluster.namespaces().withName(name).get()).as("someone else's namespace stays").isNotNull();
        cluster.namespaces().withName(name).delete();
    }

    private String status(JsonNode request) {
        return api.as("alice").get("/api/requests/" + request.path("id").asText()).text("status");
    }

    private static String namespace(String project, JsonNode request) {
        return "acme-" + project + "-" + request.path("spec").path("suffix").asText();
    }

    private Map<String, String> hard(String namespace) {
        Map<String, String> hard = new java.util.TreeMap<>();
        cluster.resourceQuotas().inNamespace(namespace).withName("stackgate-quota").get().getSpec().getHard()
                .forEach((key, value) -> hard.put(key, value.toString()));
        return hard;
    }

    private JsonNode used(String project) {
        return project(project).path("used");
    }

    private JsonNode project(String id) {
        for (JsonNode project : api.as("alice").get("/api/tenants/acme/projects").body()) {
            if (project.path("id").asText().equals(id)) {
                return project;
            }
        }
        throw new AssertionError("no project " + id);
    }
}
