package io.stackgate.kubernetes.nodes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.stackgate.compute.ResourceScope;
import io.stackgate.compute.ResourceSource;
import io.stackgate.kubernetes.cluster.ClusterNodes;
import io.stackgate.kubernetes.cluster.Clusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Worker nodes in {@code GET /api/resources?kind=k8s-node}, with what the API server says of each now. */
@Component
class NodeResources implements ResourceSource {

    /**
     * @param live as the API server has the Node now; null when it is not registered or the cluster could not be asked
     */
    record NodeView(String id, String kind, String tenant, String project, String requestId, int nodeIndex,
            String cluster, String name, String arch, String state, String stateReason, Live live, Instant createdAt) {
    }

    /** The Node object: Ready, cordoned, its Stackgate labels and its taints. */
    record Live(boolean ready, boolean cordoned, Map<String, String> labels, List<ClusterNodes.Taint> taints) {
    }

    private static final Logger log = LoggerFactory.getLogger(NodeResources.class);

    private final Nodes nodes;
    private final Clusters clusters;

    NodeResources(Nodes nodes, Clusters clusters) {
        this.nodes = nodes;
        this.clusters = clusters;
    }

    @Override
    public String kind() {
        return "k8s-node";
    }

    @Override
    public long count(ResourceScope scope) {
        return nodes.count(scope);
    }

    @Override
    public List<?> list(ResourceScope scope, long offset, int limit) {
        List<Nodes.Row> rows = nodes.search(scope, offset, limit);
        Map<String, Map<String, ClusterNodes.NodeState>> live = new java.util.HashMap<>();
        rows.stream().filter(NodeResources::present).map(Nodes.Row::cluster).distinct()
                .forEach(cluster -> live.put(cluster, liveNodes(cluster)));
        return rows.stream().map(row -> view(row, live.getOrDefault(row.cluster(), Map.of()))).toList();
    }

    /** The cluster's Nodes, asked once per listing; none when it does not answer. */
    private Map<String, ClusterNodes.NodeState> liveNodes(String cluster) {
        try {
            return clusters.find(cluster).map(found -> found.nodes().nodesByName()).orElse(Map.of());
        } catch (RuntimeException e) {
            log.warn("cluster {} did not answer for its nodes: {}", cluster, e.getMessage());
            return Map.of();
        }
    }

    private static boolean present(Nodes.Row row) {
        return row.state() != Nodes.State.DELETED && row.state() != Nodes.State.FAILED;
    }

    private NodeView view(Nodes.Row row, Map<String, ClusterNodes.NodeState> liveNodes) {
        Live live = null;
        if (present(row) && liveNodes.containsKey(row.name())) {
            ClusterNodes.NodeState node = liveNodes.get(row.name());
            live = new Live(node.ready(), node.unschedulable(), stackgateLabels(node.labels()), node.taints());
        }
        return new NodeView(row.cluster() + "/" + row.name(), "k8s-node", row.tenantId(), row.projectId(),
                row.requestId(), row.index(), row.cluster(), row.name(), row.arch(), row.state().name(),
                row.stateReason(), live, row.createdAt());
    }

    private static Map<String, String> stackgateLabels(Map<String, String> labels) {
        Map<String, String> kept = new java.util.TreeMap<>();
        labels.forEach((key, value) -> {
            if (key.startsWith("stackgate.io/") || key.equals(NodePools.ARCH_LABEL)) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}
