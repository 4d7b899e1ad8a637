package io.stackgate.kubernetes.nodes;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackgate.compute.FailingHypervisor;
import io.stackgate.compute.VmNaming;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.RealKubernetes;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Worker nodes against a real kube-apiserver (with its controller manager). The test plays the kubelet: it creates
 * each Node with its Ready condition, as a kubelet that ran the rendered {@code kubeadm join} would. Bootstrap tokens
 * are proven by authenticating with them; the timeout, the per-node compensation and the drain under a
 * PodDisruptionBudget (policy/v1beta1 on 1.20) run on the API server's real semantics.
 */
@Tag("real-kubernetes")
@ExtendWith(RealKubernetes.class)
@StackgateTest
class NodePoolIT {

    @DynamicPropertySource
    static void theRealCluster(DynamicPropertyRegistry registry) {
        if (RealKubernetes.pointSpringAt(registry)) {
            registry.add("stackgate.kubernetes.clusters[0].nodes.resync", () -> "PT1S");
            registry.add("stackgate.kubernetes.clusters[0].nodes.drain-retry", () -> "PT1S");
            registry.add("stackgate.kubernetes.images.lookup", () -> "false");
            registry.add("stackgate.kubernetes.images.overrides[example.invalid/cni/plugin:amd64-only]", () -> "amd64");
        }
    }

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    Nodes nodes;
    @Autowired
    FailingHypervisor hypervisor;

    KubernetesClient admin;

    @BeforeEach
    void adminClient() throws Exception {
        admin = RealKubernetes.cluster().adminClient();
    }

    @AfterEach
    void close() {
        admin.apps().daemonSets().inNamespace("kube-system").withName("cni-it").delete();
        admin.close();
    }

    @Test
    void aRequestOfThreeMakesThreeAcceptedTokensThreeVmsThatJoinAndEndsWithLabelledTaintedNodesAndNoTokens()
            throws Exception {
        String id = submitNodes(3);
        jobs.run(id);

        List<Secret> tokens = admin.secrets().inNamespace("kube-system").withLabel("stackgate.io/request", id).list()
                .getItems();
        assertThat(tokens).hasSize(3).allSatisfy(secret ->
                assertThat(secret.getType()).isEqualTo("bootstrap.kubernetes.io/token"));
        String caHash = caHash();
        for (int index = 0; index < 3; index++) {
            String name = VmNaming.domainName("acme", id, index);
            Secret secret = token(tokens, index);
            String token = decoded(secret, "token-id") + "." + decoded(secret, "token-secret");
            assertThat(statusWithToken(token)).as("the API server authenticates the bootstrap token (403, not 401)")
                    .isEqualTo(403);
            String userData = hypervisor.userData(name);
            assertThat(userData).contains("hostname: \"" + name + "\"", "swapoff -a", "containerd", "deb [arch=amd64 ",
                    "kubeadm join --config", "token: \"" + token + "\"", "- \"" + caHash + "\"",
                    "apiServerEndpoint: \"" + URI.create(RealKubernetes.cluster().apiServerUrl()).getAuthority() + "\"",
                    "key: \"stackgate.io/tenant\"").doesNotContain("unsafeSkipCAVerification");
        }
        assertThat(statusWithToken("abcdef.0123456789abcdef")).as("a made-up token is not authenticated").isEqualTo(401);

        for (int index = 0; index < 3; index++) {
            registerReadyNode(VmNaming.domainName("acme", id, index), "amd64");
        }
        jobs.runUntilEnded(id);

        assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("COMPLETED");
        for (int index = 0; index < 3; index++) {
            var node = admin.nodes().withName(VmNaming.domainName("acme", id, index)).get();
            assertThat(node.getMetadata().getLabels()).containsEntry("stackgate.io/tenant", "acme")
                    .containsEntry("stackgate.io/project", "web").containsEntry("kubernetes.io/arch", "amd64");
            assertThat(node.getSpec().getTaints()).anySatisfy(taint -> {
                assertThat(taint.getKey()).isEqualTo("stackgate.io/tenant");
                assertThat(taint.getValue()).isEqualTo("acme");
                assertThat(taint.getEffect()).isEqualTo("NoSchedule");
            });
        }
        assertThat(admin.secrets().inNamespace("kube-system").withLabel("stackgate.io/request", id).list().getItems())
                .as("tokens removed after the join").isEmpty();
        assertThat(nodes.ofRequest(id)).extracting(Nodes.Row::state).containsOnly(Nodes.State.READY);
    }

    @Test
    void aNodeThatNeverRegistersTimesOutAndIsUndoneAloneWhileTheOtherJoins() {
        String id = submitNodes(2);
        jobs.run(id);
        String joins = VmNaming.domainName("acme", id, 0);
        String never = VmNaming.domainName("acme", id, 1);
        registerReadyNode(joins, "amd64");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            jobs.run(id);
            return nodes.find(id, 0).orElseThrow().state() == Nodes.State.READY;
        });

        jobs.runWithTimers(id); // the join timeout of the node that never registered fires now
        jobs.runUntilEnded(id);

        assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("COMPLETED");
        Nodes.Row failed = nodes.find(id, 1).orElseThrow();
        assertThat(failed.state()).isEqualTo(Nodes.State.FAILED);
        assertThat(failed.stateReason()).contains(never, "did not register and become Ready");
        assertThat(nodes.find(id, 0).orElseThrow().state()).isEqualTo(Nodes.State.READY);
        assertThat(admin.secrets().inNamespace("kube-system").withLabel("stackgate.io/request", id).list().getItems())
                .isEmpty();
        assertThat(admin.nodes().withName(joins).get()).isNotNull();
        assertThat(vm(joins).path("state").asText()).isEqualTo("RUNNING");
        JsonNode timedOut = vm(never);
        assertThat(timedOut.path("state").asText()).isEqualTo("FAILED");
        assertThat(hypervisor.lookup(timedOut.path("host").asText(), never)).as("its VM is gone from its host").isEmpty();
    }

    @Test
    void decommissionCordonsWaitsForThePodDisruptionBudgetEvictsAndDeletesTheNode() {
        String id = submitNodes(1);
        String name = joinOneNode(id);
        String namespace = namespaceWithPodOn(name, "drain");
        // the kubelet again: the pod runs and is ready (a Pending pod may be evicted whatever its budget says)
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> admin.pods().inNamespace(namespace)
                .withName("web").editStatus(pod -> {
                    pod.getStatus().setPhase("Running");
                    pod.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                            .withType("Ready").withStatus("True").build()));
                    return pod;
                }) != null);
        admin.resource(new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").withNamespace(namespace)
                .endMetadata().withNewSpec().withNewMinAvailable(1).withNewSelector().addToMatchLabels("app", "web")
                .endSelector().endSpec().build()).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.resources(
                io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget.class).inNamespace(namespace)
                .withName("web").get().getStatus().getCurrentHealthy() == 1);

        String decommission = submit(api, "alice", "acme", "web", "decommission", Map.of("requestId", id)).path("id")
                .asText();
        Requests.approveAll(api, decommission);
        jobs.run(decommission);

        assertThat(admin.nodes().withName(name).get().getSpec().getUnschedulable()).as("cordoned").isTrue();
        assertThat(admin.pods().inNamespace(namespace).withName("web").get().getMetadata().getDeletionTimestamp())
                .as("the budget allows no disruption: the pod stays").isNull();
        assertThat(api.as("alice").get("/api/requests/" + decommission).text("status")).isEqualTo("PROVISIONING");

        admin.resources(io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget.class).inNamespace(namespace)
                .withName("web").delete();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            var evicted = admin.pods().inNamespace(namespace).withName("web").get();
            if (evicted != null && evicted.getMetadata().getDeletionTimestamp() != null) {
                // the kubelet once more: the evicted pod has shut down
                admin.pods().inNamespace(namespace).withName("web").withGracePeriod(0).delete();
            }
            jobs.runWithTimers(decommission);
            return api.as("alice").get("/api/requests/" + decommission).text("status").equals("COMPLETED");
        });

        assertThat(admin.pods().inNamespace(namespace).withName("web").get()).as("evicted, and gone before the node").isNull();
        assertThat(admin.nodes().withName(name).get()).isNull();
        assertThat(nodes.find(id, 0).orElseThrow().state()).isEqualTo(Nodes.State.DELETED);
        JsonNode vm = vm(name);
        assertThat(vm.path("state").asText()).isEqualTo("DECOMMISSIONED");
        assertThat(hypervisor.lookup(vm.path("host").asText(), name)).isEmpty();
        admin.namespaces().withName(namespace).delete();
    }

    @Test
    void aNodeThatIsNoLongerReadyIsDrainedWithoutWaitingForAShutdownNoKubeletWillConfirm() {
        String id = submitNodes(1);
        String name = joinOneNode(id);
        String namespace = namespaceWithPodOn(name, "lost");
        // the VM died: its kubelet stops reporting, the node is no longer Ready
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> admin.nodes().withName(name).editStatus(node -> {
            node.getStatus().getConditions().forEach(condition -> condition.setStatus("Unknown"));
            return node;
        }) != null);

        String decommission = submit(api, "alice", "acme", "web", "decommission", Map.of("requestId", id)).path("id")
                .asText();
        Requests.approveAll(api, decommission);
        jobs.run(decommission);

        assertThat(api.as("alice").get("/api/requests/" + decommission).text("status"))
                .as("drained in the first round, no wait for the pod").isEqualTo("COMPLETED");
        assertThat(admin.nodes().withName(name).get()).isNull();
        var pod = admin.pods().inNamespace(namespace).withName("web").get();
        assertThat(pod == null || pod.getMetadata().getDeletionTimestamp() != null).as("evicted").isTrue();
        admin.namespaces().withName(namespace).delete();
    }

    @Test
    void podsOfATenantsNamespaceTolerateItsNodesTaintByDefaultAndCannotTolerateTheirWayOntoAnotherTenantsNodes() {
        String suffix = Requests.uniqueName("taint");
        String id = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix)).path("id").asText();
        jobs.run(id);
        String namespace = "acme-web-" + suffix;
        awaitServiceAccount(namespace);

        var plain = admin.pods().inNamespace(namespace).resource(pod("plain", null)).create();
        assertThat(plain.getSpec().getTolerations()).anySatisfy(toleration -> {
            assertThat(toleration.getKey()).isEqualTo("stackgate.io/tenant");
            assertThat(toleration.getValue()).isEqualTo("acme");
            assertThat(toleration.getEffect()).isEqualTo("NoSchedule");
        });
        for (var greedy : List.of(new io.fabric8.kubernetes.api.model.TolerationBuilder().withOperator("Exists").build(),
                new io.fabric8.kubernetes.api.model.TolerationBuilder().withKey("stackgate.io/tenant").withValue("globex")
                        .withEffect("NoSchedule").build())) {
            var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.fabric8.kubernetes.client.KubernetesClientException.class,
                    () -> admin.pods().inNamespace(namespace).resource(pod("greedy", greedy)).create());
            // PodTolerationRestriction refuses with a plain admission error (1.20 answers it as 500)
            assertThat(refused).as("a toleration outside the namespace's whitelist").isNotNull();
            assertThat(refused.getMessage()).contains("conflict with its namespace whitelist");
            assertThat(admin.pods().inNamespace(namespace).withName("greedy").get()).isNull();
        }
        admin.namespaces().withName(namespace).delete();
    }

    /** Joins node 0 of the request, the test playing its kubelet; answers the Node's name. */
    private String joinOneNode(String id) {
        jobs.run(id);
        String name = VmNaming.domainName("acme", id, 0);
        registerReadyNode(name, "amd64");
        jobs.runUntilEnded(id);
        return name;
    }

    /** A namespace of no tenant with a pod "web" (label app=web) bound to the node, tolerating acme's taint. */
    private String namespaceWithPodOn(String node, String prefix) {
        String namespace = Requests.uniqueName(prefix);
        admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(namespace).endMetadata().build()).create();
        awaitServiceAccount(namespace);
        var tenantNodes = new io.fabric8.kubernetes.api.model.TolerationBuilder().withKey("stackgate.io/tenant")
                .withValue("acme").withEffect("NoSchedule").build();
        admin.pods().inNamespace(namespace).resource(pod("web", tenantNodes).edit().editMetadata()
                .addToLabels("app", "web").endMetadata().editSpec().withNodeName(node).endSpec().build()).create();
        return namespace;
    }

    /** Pods can be made once the service-account controller has made the namespace's default account. */
    private void awaitServiceAccount(String namespace) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                admin.serviceAccounts().inNamespace(namespace).withName("default").get() != null);
    }

    private static io.fabric8.kubernetes.api.model.Pod pod(String name, io.fabric8.kubernetes.api.model.Toleration toleration) {
        var spec = new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withAutomountServiceAccountToken(false).addNewContainer().withName("c").withImage("nginx")
                .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi"))
                .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi")).endResources().endContainer();
        if (toleration != null) {
            spec = spec.addToTolerations(toleration);
        }
        return spec.endSpec().build();
    }

    @Test
    void anArm64RequestIsRefusedWhenTheClustersCniDaemonSetHasNoArm64Image() {
        admin.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder().withNewMetadata()
                .withName("cni-it").endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "cni-it")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "cni-it").endMetadata()
                .withNewSpec().addNewToleration().withOperator("Exists").endToleration()
                .addNewContainer().withName("cni").withImage("example.invalid/cni/plugin:amd64-only").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();

        Map<String, Object> spec = spec(1);
        spec.put("arch", "aarch64");
        Api.Response refused = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "k8s-nodes", spec));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("detail").asText()).contains("cannot run arm64 pods", "kube-system/cni-it",
                "published for [amd64] only");
    }

    private String submitNodes(int count) {
        String id = submit(api, "alice", "acme", "web", "k8s-nodes", spec(count)).path("id").asText();
        Requests.approveAll(api, id);
        return id;
    }

    private static Map<String, Object> spec(int count) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("cluster", "kube-it");
        spec.put("count", count);
        spec.put("arch", "x86_64");
        spec.put("vcpus", 2);
        spec.put("memoryMiB", 2048);
        spec.put("diskGiB", 20);
        return spec;
    }

    private JsonNode vm(String domain) {
        return api.as("alice").get("/api/resources/" + domain).body();
    }


    /** What a kubelet does after {@code kubeadm join}: registers its Node and reports it Ready. */
    private void registerReadyNode(String name, String arch) {
        admin.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/arch", arch).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/hostname", name).endMetadata()
                .withNewSpec().addNewTaint().withKey("stackgate.io/tenant").withValue("acme").withEffect("NoSchedule")
                .endTaint().endSpec().build()).create();
        // the node lifecycle controller writes to a new Node too: a conflict is tried again on the newer version
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> admin.nodes().withName(name).editStatus(node -> {
            node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder().addNewCondition().withType("Ready")
                    .withStatus("True").withReason("KubeletReady").withMessage("played by NodePoolIT")
                    .withLastHeartbeatTime(java.time.Instant.now().toString())
                    .withLastTransitionTime(java.time.Instant.now().toString()).endCondition().build());
            return node;
        }) != null);
    }

    private int statusWithToken(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RealKubernetes.cluster().apiServerUrl() + "/api/v1/nodes"))
                .header("Authorization", "Bearer " + token).GET().build();
        return RealKubernetes.cluster().httpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String caHash() throws Exception {
        var ca = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(
                RealKubernetes.cluster().caPem().getBytes(StandardCharsets.US_ASCII)));
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getPublicKey().getEncoded()));
    }

    private static Secret token(List<Secret> tokens, int index) {
        return tokens.stream().filter(secret -> secret.getMetadata().getLabels().get("stackgate.io/node-index")
                .equals(Integer.toString(index))).findFirst().orElseThrow();
    }

    private static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

}
