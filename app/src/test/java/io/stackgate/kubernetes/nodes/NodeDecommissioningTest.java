package io.stackgate.kubernetes.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.stackgate.compute.VmRemoval;
import io.stackgate.kubernetes.cluster.Cluster;
import io.stackgate.kubernetes.cluster.ClusterNodes;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.KubernetesProperties;
import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.NodePoolSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.RequestStatus;
import io.stackgate.requests.RequestType;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.QuotaService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The drain's clock: a node whose pods a budget holds back is tried again until the drain timeout, counted from when
 * this decommission began; then the step gives up naming the pods, and nothing is removed. (The API server's side —
 * cordon, the 429 of a budget, the eviction — is NodePoolIT's.)
 */
class NodeDecommissioningTest {

    static final String POOL = "11111111-2222-3333-4444-555555555555";
    static final String DECOMMISSION = "decommission-1";

    RequestService requests = mock(RequestService.class);
    Nodes nodes = mock(Nodes.class);
    Clusters clusters = mock(Clusters.class);
    Cluster cluster = mock(Cluster.class);
    ClusterNodes clusterNodes = mock(ClusterNodes.class);
    VmRemoval vms = mock(VmRemoval.class);
    NodeDecommissioning decommissioning;
    ResourceRequest pool;

    @BeforeEach
    void pool() {
        pool = request(POOL, new NodePoolSpec("kube", 2, "x86_64", 2, 2048L, 20L, 0));
        when(requests.load(DECOMMISSION)).thenReturn(request(DECOMMISSION, new DecommissionSpec(POOL, 1)));
        when(clusters.find("kube")).thenReturn(Optional.of(cluster));
        when(clusters.config("kube")).thenReturn(new KubernetesProperties.ClusterConfig("kube", "/kubeconfig", "oidc:",
                List.of("x86_64"), "unused", new KubernetesProperties.NodeSettings("debian-12", "", "https://repo/",
                        "", "", Duration.ofHours(4), Duration.ofMinutes(20), Duration.ofMinutes(10),
                        Duration.ofSeconds(10), Duration.ofSeconds(30))));
        when(cluster.nodes()).thenReturn(clusterNodes);
        when(nodes.ofRequest(POOL)).thenReturn(List.of(node(0), node(1)));
        when(clusterNodes.node("node-1")).thenReturn(Optional.of(new ClusterNodes.NodeState("node-1", Map.of(), true,
                false, List.of())));
        decommissioning = new NodeDecommissioning(requests, nodes, clusters, vms, mock(QuotaService.class),
                mock(ApplicationEventPublisher.class), Clock.systemUTC());
    }

    @Test
    void aDrainHeldBackByABudgetIsTriedAgainUntilItsTimeout() {
        when(nodes.draining(eq(POOL), eq(1), eq(DECOMMISSION), any())).thenReturn(Instant.now().minusSeconds(60));
        when(clusterNodes.evictPods("node-1")).thenReturn(new ClusterNodes.Drain(List.of("shop/db-0"),
                List.of("shop/db-0 (its PodDisruptionBudget allows no disruption now)")));

        assertThat(decommissioning.prepare(pool, DECOMMISSION)).contains(Duration.ofSeconds(10));
        verify(clusterNodes).cordon("node-1");
        verify(clusterNodes, never()).cordon("node-0");
    }

    @Test
    void pastItsTimeoutTheDrainGivesUpNamingThePodsAndRemovesNothing() {
        when(nodes.draining(eq(POOL), eq(1), eq(DECOMMISSION), any())).thenReturn(Instant.now().minus(Duration.ofMinutes(11)));
        when(clusterNodes.evictPods("node-1")).thenReturn(new ClusterNodes.Drain(List.of("shop/db-0"),
                List.of("shop/db-0 (its PodDisruptionBudget allows no disruption now)")));

        assertThatThrownBy(() -> decommissioning.prepare(pool, DECOMMISSION))
                .hasMessageContaining("draining node node-1 timed out after PT10M")
                .hasMessageContaining("shop/db-0 (its PodDisruptionBudget allows no disruption now)");
        verify(clusterNodes, never()).deleteNode(anyString());
        verify(vms, never()).decommission(anyString(), anyInt(), anyString());
    }

    @Test
    void aDrainedNodeIsReadyAtOnce() {
        when(nodes.draining(eq(POOL), eq(1), eq(DECOMMISSION), any())).thenReturn(Instant.now());
        when(clusterNodes.evictPods("node-1")).thenReturn(new ClusterNodes.Drain(List.of(), List.of()));

        assertThat(decommissioning.prepare(pool, DECOMMISSION)).isEmpty();
    }

    private static Nodes.Row node(int index) {
        return new Nodes.Row(POOL, index, "kube", "node-" + index, "acme", "web", "x86_64", Nodes.State.READY, null, null,
                null, Instant.now(), Instant.now());
    }

    private static ResourceRequest request(String id, io.stackgate.requests.RequestSpec spec) {
        return new ResourceRequest(id, "acme", "web", "engineering", RequestType.K8S_NODES, spec, "test", "alice", "alice-id",
                RequestStatus.COMPLETED, BigDecimal.ZERO, "EUR", false, null, null, Instant.now(), Instant.now());
    }
}
