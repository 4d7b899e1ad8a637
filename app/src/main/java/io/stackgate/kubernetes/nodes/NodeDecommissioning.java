package io.stackgate.kubernetes.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.stackgate.compute.DecommissionTarget;
import io.stackgate.compute.VmRemoval;
import io.stackgate.kubernetes.NodeEvents.NodeRemoved;
import io.stackgate.kubernetes.cluster.ClusterNodes;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.KubernetesProperties;
import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.NodePoolSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.QuotaService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A decommissioned node pool, or one node of it ({@code spec.node}): each node is cordoned and drained — evictions
 * that respect PodDisruptionBudgets, tried again every {@code drain-retry} until {@code drain-timeout} — then its Node
 * object, its bootstrap token (if one is left) and its VM go. One node: the pool's quota shrinks to the nodes left.
 */
@Component
class NodeDecommissioning implements DecommissionTarget {

    private final RequestService requests;
    private final Nodes nodes;
    private final Clusters clusters;
    private final VmRemoval vms;
    private final QuotaService quotas;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NodeDecommissioning(RequestService requests, Nodes nodes, Clusters clusters, @Lazy VmRemoval vms,
            QuotaService quotas, ApplicationEventPublisher events, Clock clock) {
        this.requests = requests;
        this.nodes = nodes;
        this.clusters = clusters;
        this.vms = vms;
        this.quotas = quotas;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean handles(ResourceRequest target) {
        return target.spec() instanceof NodePoolSpec;
    }

    @Override
    public Optional<Duration> prepare(ResourceRequest target, String byRequest) {
        Optional<Duration> retry = Optional.empty();
        for (Nodes.Row node : leaving(target, byRequest)) {
            KubernetesProperties.ClusterConfig config = clusters.config(node.cluster());
            ClusterNodes cluster = cluster(node.cluster());
            if (cluster.node(node.name()).isEmpty()) {
                continue;
            }
            cluster.cordon(node.name());
            Instant started = nodes.draining(node.requestId(), node.index(), byRequest, clock.instant());
            ClusterNodes.Drain drain = cluster.evictPods(node.name());
            if (drain.done()) {
                continue;
            }
            if (clock.instant().isAfter(started.plus(config.nodes().drainTimeout()))) {
                throw new IllegalStateException("draining node " + node.name() + " timed out after "
                        + config.nodes().drainTimeout() + "; still there: " + String.join(", ", drain.remaining())
                        + (drain.blocked().isEmpty() ? "" : "; held back: " + String.join(", ", drain.blocked())));
            }
            retry = Optional.of(config.nodes().drainRetry());
        }
        return retry;
    }

    @Override
    public void decommission(ResourceRequest target, String byRequest) {
        boolean oneNode = node(byRequest) != null;
        nodes.lockPool(target.id());
        for (Nodes.Row node : leaving(target, byRequest)) {
            ClusterNodes cluster = cluster(node.cluster());
            cluster.deleteNode(node.name());
            cluster.revokeBootstrapToken(node.requestId(), node.index());
            vms.decommission(node.requestId(), node.index(), byRequest);
            nodes.state(node.requestId(), node.index(), Nodes.State.DELETED, "decommissioned by request " + byRequest,
                    clock.instant());
            events.publishEvent(new NodeRemoved(node.requestId(), node.index(), node.tenantId(), node.cluster(),
                    node.name(), byRequest, clock.instant()));
        }
        if (oneNode) {
            NodePoolSpec spec = NodePools.spec(target);
            int left = (int) nodes.ofRequest(target.id()).stream()
                    .filter(node -> node.state() != Nodes.State.DELETED && node.state() != Nodes.State.FAILED).count();
            quotas.shrink(target.id(), new NodePoolSpec(spec.cluster(), left, spec.arch(), spec.vcpus(),
                    spec.memoryMiB(), spec.diskGiB(), spec.gpus()).demand());
        }
    }

    /** The nodes the decommission removes that are not gone yet. */
    private List<Nodes.Row> leaving(ResourceRequest target, String byRequest) {
        Integer only = node(byRequest);
        return nodes.ofRequest(target.id()).stream()
                .filter(node -> only == null || node.index() == only)
                .filter(node -> node.state() != Nodes.State.DELETED && node.state() != Nodes.State.FAILED)
                .toList();
    }

    private Integer node(String byRequest) {
        return ((DecommissionSpec) requests.load(byRequest).spec()).node();
    }

    private ClusterNodes cluster(String name) {
        return clusters.find(name).orElseThrow(() -> new IllegalStateException("cluster " + name + " is no longer configured"))
                .nodes();
    }
}
