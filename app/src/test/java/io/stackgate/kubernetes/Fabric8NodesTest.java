package io.stackgate.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Fabric8Nodes reads from DaemonSets (where they may run, what they tolerate) and how it keeps one bootstrap
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
        nodes = new Fabric8Nodes(client);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void daemonSetsTellTheArchesTheirSelectorAndRequiredAffinityAdmit() {
        create("any", null, null, null);
        create("amd64-selector", "amd64", null, null);
        create("not-arm64", null, new NodeSelectorRequirementBuilder().withKey("kubernetes.io/arch").withOperator("NotIn")
                .withValues("arm64").build(), null);
        create("both", null, new NodeSelectorRequirementBuilder().withKey("kubernetes.io/arch").withOperator("In")
                .withValues("amd64", "arm64").build(), null);
        create("contradiction", "arm64", new NodeSelectorRequirementBuilder().withKey("kubernetes.io/arch")
                .withOperator("In").withValues("amd64").build(), null);

        assertThat(arches("any")).contains("amd64", "arm64");
        assertThat(arches("amd64-selector")).containsExactly("amd64");
        assertThat(arches("not-arm64")).contains("amd64").doesNotContain("arm64");
        assertThat(arches("both")).containsExactlyInAnyOrder("amd64", "arm64");
        assertThat(arches("contradiction")).isEmpty();
    }

    @Test
    void onlyATolerationOfTheTenantsTaintLetsADaemonSetOntoItsNodes() {
        ClusterNodes.Taint acme = NodePools.taint("acme");
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

        assertThat(tolerates("all", acme)).isTrue();
        assertThat(tolerates("tenant-key", acme)).isTrue();
        assertThat(tolerates("acme-only", acme)).isTrue();
        assertThat(tolerates("globex-only", acme)).isFalse();
        assertThat(tolerates("masters", acme)).isFalse();
        assertThat(tolerates("no-execute-only", acme)).isFalse();
    }

    @Test
    void aNodesBootstrapTokenIsMadeOnceAdoptedAfterwardsAndRevoked() {
        Instant expires = Instant.now().plus(4, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        ClusterNodes.BootstrapToken first = nodes.ensureBootstrapToken("req-1", 0, expires);
        ClusterNodes.BootstrapToken again = nodes.ensureBootstrapToken("req-1", 0, expires);
        ClusterNodes.BootstrapToken other = nodes.ensureBootstrapToken("req-1", 1, expires);

        assertThat(first.id()).matches("[a-z0-9]{6}");
        assertThat(first.secret()).matches("[a-z0-9]{16}");
        assertThat(again).isEqualTo(first);
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(first.toString()).doesNotContain(first.secret());
        assertThat(client.secrets().inNamespace("kube-system").withName("bootstrap-token-" + first.id()).get().getType())
                .isEqualTo("bootstrap.kubernetes.io/token");

        nodes.revokeBootstrapToken("req-1", 0);

        assertThat(nodes.bootstrapToken("req-1", 0)).isEmpty();
        assertThat(nodes.bootstrapToken("req-1", 1)).contains(other);
    }

    private void create(String name, String archSelector, io.fabric8.kubernetes.api.model.NodeSelectorRequirement affinity,
            Toleration toleration) {
        var spec = new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace("kube-system").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName("c").withImage("example.invalid/" + name + ":1").endContainer();
        if (archSelector != null) {
            spec = spec.addToNodeSelector("kubernetes.io/arch", archSelector);
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

    private List<String> arches(String name) {
        return view(name).arches();
    }

    private boolean tolerates(String name, ClusterNodes.Taint taint) {
        return view(name).tolerations().stream().anyMatch(toleration -> toleration.tolerates(taint));
    }

    private ClusterNodes.DaemonSetView view(String name) {
        return nodes.daemonSets().stream().filter(view -> view.name().equals(name)).findFirst().orElseThrow();
    }
}
