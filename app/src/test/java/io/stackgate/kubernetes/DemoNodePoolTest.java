package io.stackgate.kubernetes;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.stackgate.compute.FailingHypervisor;
import io.stackgate.compute.VmNaming;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded default's node pools: on the demo cluster the simulated kubelet registers each worker VM's Node, so an
 * approved k8s-nodes request ends with joined, labelled, tainted nodes on VMs of the right arch, their tokens gone.
 * Real API-server semantics (token authentication, the timeout, evictions under a PodDisruptionBudget) are proven
 * by NodePoolIT.
 */
@StackgateTest
@TestPropertySource(properties = {"stackgate.kubernetes.clusters[0].name=demo",
    "stackgate.kubernetes.clusters[0].kubeconfig=demo",
    "stackgate.kubernetes.clusters[0].demo-kubeconfig-file=target/demo-nodes.kubeconfig",
    "stackgate.kubernetes.clusters[0].nodes.resync=PT1S",
    "stackgate.kubernetes.images.lookup=false",
    "stackgate.kubernetes.images.overrides[example.invalid/cni/plugin\\:amd64-only]=amd64",
    "stackgate.kubernetes.images.overrides[example.invalid/cni/plugin\\:multi]=amd64,arm64",
    "stackgate.kubernetes.images.overrides[example.invalid/globex/*]=amd64"})
class DemoNodePoolTest {

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    FailingHypervisor hypervisor;
    @Autowired
    KubernetesHealth health;

    KubernetesClient kubectl;

    @BeforeEach
    void kubectl() throws Exception {
        kubectl = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(Path.of("target/demo-nodes.kubeconfig")))).build();
    }

    @AfterEach
    void close() {
        kubectl.apps().daemonSets().inNamespace("kube-system").withName("cni").delete();
        kubectl.close();
    }

    @Test
    void anApprovedNodeRequestEndsWithJoinedLabelledTaintedNodesOnVmsOfTheArch() {
        String id = submitNodes("aarch64", 2);
        jobs.runUntilEnded(id);

        assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("COMPLETED");
        for (int index = 0; index < 2; index++) {
            String name = VmNaming.domainName("acme", id, index);
            var node = kubectl.nodes().withName(name).get();
            assertThat(node.getMetadata().getLabels()).containsEntry("stackgate.io/tenant", "acme")
                    .containsEntry("stackgate.io/project", "web").containsEntry("stackgate.io/request", id)
                    .containsEntry("kubernetes.io/arch", "arm64");
            assertThat(node.getSpec().getTaints()).anySatisfy(taint -> {
                assertThat(taint.getKey()).isEqualTo("stackgate.io/tenant");
                assertThat(taint.getValue()).isEqualTo("acme");
                assertThat(taint.getEffect()).isEqualTo("NoSchedule");
            });
            String userData = hypervisor.userData(name);
            assertThat(userData).startsWith("#cloud-config").contains("hostname: \"" + name + "\"", "swapoff -a", "containerd",
                    "deb [arch=arm64 ", "kubeadm join --config", "unsafeSkipCAVerification: true")
                    .containsPattern("token: \"[a-z0-9]{6}\\.[a-z0-9]{16}\"");
        }
        assertThat(kubectl.secrets().inNamespace("kube-system").withLabel("stackgate.io/request", id).list().getItems())
                .as("the bootstrap tokens are revoked once the nodes joined").isEmpty();
        JsonNode resources = api.as("alice").get("/api/resources?kind=k8s-node&size=200").body().path("items");
        List<JsonNode> mine = new java.util.ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("requestId").asText().equals(id)) {
                mine.add(resource);
            }
        });
        assertThat(mine).hasSize(2).allSatisfy(resource -> {
            assertThat(resource.path("state").asText()).isEqualTo("READY");
            assertThat(resource.path("arch").asText()).isEqualTo("aarch64");
            assertThat(resource.path("live").path("ready").asBoolean()).isTrue();
        });
        JsonNode vms = api.as("alice").get("/api/resources?kind=vm&size=200").body().path("items");
        List<String> hosts = new java.util.ArrayList<>();
        vms.forEach(vm -> {
            if (vm.path("requestId").asText().equals(id)) {
                assertThat(vm.path("state").asText()).isEqualTo("RUNNING");
                hosts.add(vm.path("host").asText());
            }
        });
        assertThat(hosts).as("aarch64 nodes run on aarch64 hosts").hasSize(2).containsOnly("demo-arm-1");
    }

    @Test
    void theHealthEndpointTellsWhetherTheClustersNodesAreWatched() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var state = health.health();
            assertThat(state.getStatus().getCode()).isEqualTo("UP");
            assertThat(state.getDetails()).containsEntry("demo", Map.of("nodeWatch", true));
        });
    }

    @Test
    void decommissioningOneNodeDrainsAndRemovesItAloneAndShrinksThePoolsQuota() {
        String id = submitNodes("x86_64", 2);
        jobs.runUntilEnded(id);
        int nodesBefore = usedNodes();

        String decommission = submit(api, "alice", "acme", "web", "decommission", Map.of("requestId", id, "node", 1))
                .path("id").asText();
        Requests.approveAll(api, decommission);
        jobs.runUntilEnded(decommission);

        assertThat(api.as("alice").get("/api/requests/" + decommission).text("status")).isEqualTo("COMPLETED");
        assertThat(kubectl.nodes().withName(VmNaming.domainName("acme", id, 1)).get()).isNull();
        assertThat(kubectl.nodes().withName(VmNaming.domainName("acme", id, 0)).get()).isNotNull();
        assertThat(usedNodes()).isEqualTo(nodesBefore - 1);
        Api.Response again = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "decommission",
                Map.of("requestId", id, "node", 1)));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("detail").asText()).contains("already gone");
    }

    @Test
    void anArm64RequestIsRefusedWhenADaemonSetThatWouldLandThereIsAmd64Only() {
        kubectl.apps().daemonSets().inNamespace("kube-system").resource(cni("example.invalid/cni/plugin:amd64-only"))
                .create();

        Api.Response refused = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "k8s-nodes",
                nodes("aarch64", 1)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("detail").asText()).contains("cannot run arm64 pods",
                "kube-system/cni", "example.invalid/cni/plugin:amd64-only", "[amd64]");
        assertThat(refused.body().toString()).contains("spec.arch");
        Api.Response amd64 = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "k8s-nodes",
                nodes("x86_64", 1)));
        assertThat(amd64.status()).as("x86_64 nodes are not held back by it").isEqualTo(201);

        kubectl.apps().daemonSets().inNamespace("kube-system").withName("cni").edit(daemonSet -> {
            daemonSet.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example.invalid/cni/plugin:multi");
            return daemonSet;
        });
        assertThat(api.as("alice").post("/api/requests", Requests.submission("acme", "web", "k8s-nodes",
                nodes("aarch64", 1))).status()).isEqualTo(201);
    }

    @Test
    void aDaemonSetInAnotherTenantsNamespaceNeitherHoldsBackNorIsNamedInAnArm64Refusal() {
        String namespace = Requests.uniqueName("globex-shop");
        kubectl.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(namespace).addToLabels("stackgate.io/tenant", "globex").endMetadata().build()).create();
        // tolerates every taint, amd64 only
        kubectl.apps().daemonSets().inNamespace(namespace).resource(daemonSet(namespace, "globex-agent",
                "example.invalid/globex/agent:v1")).create();
        try {
            Api.Response acme = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "k8s-nodes",
                    nodes("aarch64", 1)));
            assertThat(acme.status()).as("%s", acme.body()).isEqualTo(201);

            Api.Response globex = api.as("dave").post("/api/requests", Requests.submission("globex", "shop", "k8s-nodes",
                    nodes("aarch64", 1)));
            assertThat(globex.status()).as("globex's own DaemonSet holds back globex's nodes").isEqualTo(400);
            assertThat(globex.body().path("detail").asText()).contains(namespace + "/globex-agent",
                    "example.invalid/globex/agent:v1");

            kubectl.apps().daemonSets().inNamespace("kube-system").resource(cni("registry.example.invalid/cni:v1")).create();
            Api.Response unknown = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "k8s-nodes",
                    nodes("aarch64", 1)));
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body().path("detail").asText()).contains("kube-system/cni",
                    "registry.example.invalid/cni:v1", "whose platforms cannot be told",
                    "stackgate.kubernetes.images.overrides", "[registry.example.invalid/cni:*]")
                    .as("nothing of globex's").doesNotContain(namespace, "globex-agent", "example.invalid/globex");
        } finally {
            kubectl.namespaces().withName(namespace).delete();
            kubectl.apps().daemonSets().inNamespace(namespace).withName("globex-agent").delete();
        }
    }

    private String submitNodes(String arch, int count) {
        String id = submit(api, "alice", "acme", "web", "k8s-nodes", nodes(arch, count)).path("id").asText();
        Requests.approveAll(api, id);
        return id;
    }

    private static Map<String, Object> nodes(String arch, int count) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("cluster", "demo");
        spec.put("count", count);
        spec.put("arch", arch);
        spec.put("vcpus", 2);
        spec.put("memoryMiB", 2048);
        spec.put("diskGiB", 20);
        return spec;
    }


    private int usedNodes() {
        JsonNode projects = api.as("alice").get("/api/tenants/acme/projects").body();
        for (JsonNode project : projects) {
            if (project.path("id").asText().equals("web")) {
                return project.path("used").path("k8sNodes").asInt();
            }
        }
        throw new AssertionError("no project web");
    }


    private static io.fabric8.kubernetes.api.model.apps.DaemonSet cni(String image) {
        return daemonSet("kube-system", "cni", image);
    }

    private static io.fabric8.kubernetes.api.model.apps.DaemonSet daemonSet(String namespace, String name, String image) {
        return new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewToleration().withOperator("Exists").endToleration()
                .addNewContainer().withName(name).withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build();
    }
}
