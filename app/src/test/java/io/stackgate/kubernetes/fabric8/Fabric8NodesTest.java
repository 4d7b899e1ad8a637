package io.stackgate.kubernetes.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.stackgate.kubernetes.cluster.ClusterNodes;
import io.stackgate.kubernetes.cluster.DaemonSetView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Fabric8Nodes reads from DaemonSets (whether they would land on a new node: selector, affinity, tolerations) and how it keeps one bootstrap
 * token per node. Stored-object semantics only, so fabric8's CRUD mock server is enough; the API server's own
 * behaviour is NodePoolIT's.
 */
class Fabric8NodesTest {

    KubernetesMockServer server;
    KubernetesClient client;
    Fabric8Nodes nodes;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(),
                false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        nodes = new Fabric8Nodes(client, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void aDaemonSetLandsOnANodeWhenItsSelectorAndRequiredAffinityMatchTheNodesLabels() {
        Toleration all = new TolerationBuilder().withOperator("Exists").build();
        create("any", null, null, all);
        create("amd64-selector", Map.of("kubernetes.io/arch", "amd64"), null, all);
        create("not-arm64", null, requirement("kubernetes.io/arch", "NotIn", "arm64"), all);
        create("both", null, requirement("kubernetes.io/arch", "In", "amd64", "arm64"), all);
        create("contradiction", Map.of("kubernetes.io/arch", "arm64"), requirement("kubernetes.io/arch", "In", "amd64"), all);
        create("windows", Map.of("kubernetes.io/os", "windows"), null, all);
        create("gpu-nodes", null, requirement("gpu", "Exists"), all);
        create("not-gpu", null, requirement("gpu", "DoesNotExist"), all);

        Map<String, String> arm64 = Map.of("kubernetes.io/arch", "arm64", "kubernetes.io/os", "linux",
                "stackgate.io/tenant", "acme");
        ClusterNodes.Taint acme = new ClusterNodes.Taint("stackgate.io/tenant", "acme", "NoSchedule");
        assertThat(view("any").landsOn(arm64, acme)).isTrue();
        assertThat(view("amd64-selector").landsOn(arm64, acme)).isFalse();
        assertThat(view("amd64-selector").landsOn(Map.of("kubernetes.io/arch", "amd64"), acme)).isTrue();
        assertThat(view("not-arm64").landsOn(arm64, acme)).isFalse();
        assertThat(view("both").landsOn(arm64, acme)).isTrue();
        assertThat(view("contradiction").landsOn(arm64, acme)).isFalse();
        assertThat(view("windows").landsOn(arm64, acme)).as("a selector on another label counts too").isFalse();
        assertThat(view("gpu-nodes").landsOn(arm64, acme)).isFalse();
        assertThat(view("not-gpu").landsOn(arm64, acme)).isTrue();
    }

    @Test
    void onlyATolerationOfTheTenantsTaintLetsADaemonSetOntoItsNodes() {
        ClusterNodes.Taint acme = new ClusterNodes.Taint("stackgate.io/tenant", "acme", "NoSchedule");
        Map<String, String> node = Map.of("kubernetes.io/arch", "arm64");
        create("all", null, null, new TolerationBuilder().withOperator("Exists").build());
        create("tenant-key", null, null, new TolerationBuilder().withKey("stackgate.io/tenant").withOperator("Exists")
                .withEffect("NoSchedule").build());
        create("acme-only", null, null, new TolerationBuilder().withKey("stackgate.io/tenant").withOperator("Equal")
                .withValue("acme").build());
        create("globex-only", null, null, new TolerationBuilder().withKey("stackgate.io/tenant").withOperator("Equal")
                .withValue("globex").build());
        create("masters", null, null, new TolerationBuilder().withKey("node-role.kubernetes.io/master")
                .withOperator("Exists").build());
        create("no-execute-only", null, null, new TolerationBuilder().withOperator("Exists").withEffect("NoExecute")
                .build());

        assertThat(view("all").landsOn(node, acme)).isTrue();
        assertThat(view("tenant-key").landsOn(node, acme)).isTrue();
        assertThat(view("acme-only").landsOn(node, acme)).isTrue();
        assertThat(view("globex-only").landsOn(node, acme)).isFalse();
        assertThat(view("masters").landsOn(node, acme)).isFalse();
        assertThat(view("no-execute-only").landsOn(node, acme)).isFalse();
    }

    @Test
    void aNodesBootstrapTokenIsMadeOnceAdoptedAfterwardsAndRevoked() {
        Instant expires = Instant.now().plus(4, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        ClusterNodes.BootstrapToken first = nodes.ensureBootstrapToken("req-1", 0, expires, Duration.ofMinutes(20));
        ClusterNodes.BootstrapToken again = nodes.ensureBootstrapToken("req-1", 0, expires, Duration.ofMinutes(20));
        ClusterNodes.BootstrapToken other = nodes.ensureBootstrapToken("req-1", 1, expires, Duration.ofMinutes(20));
        ClusterNodes.BootstrapToken fresh = nodes.ensureBootstrapToken("req-1", 1, expires.plus(Duration.ofHours(1)),
                Duration.ofHours(5));

        assertThat(first.id()).matches("[a-z0-9]{6}");
        assertThat(first.secret()).matches("[a-z0-9]{16}");
        assertThat(again).isEqualTo(first);
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(fresh.id()).as("a token that would not last long enough is replaced").isNotEqualTo(other.id());
        assertThat(client.secrets().inNamespace("kube-system").withLabel("stackgate.io/request", "req-1").list()
                .getItems()).hasSize(2);
        assertThat(first.toString()).doesNotContain(first.secret());
        assertThat(client.secrets().inNamespace("kube-system").withName("bootstrap-token-" + first.id()).get().getType())
                .isEqualTo("bootstrap.kubernetes.io/token");

        nodes.revokeBootstrapToken("req-1", 0);

        assertThat(nodes.bootstrapToken("req-1", 0)).isEmpty();
        assertThat(nodes.bootstrapToken("req-1", 1)).contains(fresh);
    }

    private void create(String name, Map<String, String> selector, NodeSelectorRequirement affinity, Toleration toleration) {
        var spec = new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace("kube-system").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName("c").withImage("example.invalid/" + name + ":1").endContainer();
        if (selector != null) {
            spec = spec.withNodeSelector(selector);
        }
        if (affinity != null) {
            spec = spec.withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .addNewNodeSelectorTerm().addToMatchExpressions(affinity).endNodeSelectorTerm()
                    .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity();
        }
        if (toleration != null) {
            spec = spec.addToTolerations(toleration);
        }
        client.apps().daemonSets().inNamespace("kube-system").resource(spec.endSpec().endTemplate().endSpec().build()).create();
    }

    private static NodeSelectorRequirement requirement(String key, String operator, String... values) {
        return new NodeSelectorRequirementBuilder().withKey(key).withOperator(operator).withValues(values).build();
    }

    private DaemonSetView view(String name) {
        return nodes.daemonSets().stream().filter(view -> view.name().equals(name)).findFirst().orElseThrow();
    }
}
