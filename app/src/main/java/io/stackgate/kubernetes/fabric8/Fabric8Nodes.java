package io.stackgate.kubernetes.fabric8;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackgate.kubernetes.cluster.ClusterNodes;
import io.stackgate.kubernetes.cluster.DaemonSetView;
import io.stackgate.kubernetes.cluster.Watch;

/**
 * {@link ClusterNodes} through the fabric8 client: the Node objects and their informer here; bootstrap tokens, drains,
 * DaemonSets and what a joining node needs of the API server each in a class of its own.
 */
class Fabric8Nodes implements ClusterNodes {

    private final KubernetesClient client;
    private final BootstrapTokens tokens;
    private final Drains drains;
    private final DaemonSets daemonSets;
    private final ApiServer apiServer;

    Fabric8Nodes(KubernetesClient client, Clock clock) {
        this.client = client;
        this.tokens = new BootstrapTokens(client, clock);
        this.drains = new Drains(client);
        this.daemonSets = new DaemonSets(client);
        this.apiServer = new ApiServer(client);
    }

    @Override
    public BootstrapToken ensureBootstrapToken(String requestId, int index, Instant expires, Duration validFor) {
        return tokens.ensure(requestId, index, expires, validFor);
    }

    @Override
    public Optional<BootstrapToken> bootstrapToken(String requestId, int index) {
        return tokens.find(requestId, index);
    }

    @Override
    public void revokeBootstrapToken(String requestId, int index) {
        tokens.revoke(requestId, index);
    }

    @Override
    public void cordon(String node) {
        drains.cordon(node);
    }

    @Override
    public Drain evictPods(String node) {
        return drains.evictPods(node, node(node).map(NodeState::ready).orElse(false));
    }

    @Override
    public List<DaemonSetView> daemonSets() {
        return daemonSets.list();
    }

    @Override
    public Optional<String> serverMinorVersion() {
        return apiServer.minorVersion();
    }

    @Override
    public String apiServerEndpoint() {
        return apiServer.endpoint();
    }

    @Override
    public Optional<String> caCertHash() {
        return apiServer.caCertHash();
    }

    @Override
    public Optional<NodeState> node(String name) {
        return Optional.ofNullable(client.nodes().withName(name).get()).map(Fabric8Nodes::state);
    }

    @Override
    public Map<String, NodeState> nodesByName() {
        Map<String, NodeState> nodes = new LinkedHashMap<>();
        client.nodes().list().getItems().forEach(node -> nodes.put(node.getMetadata().getName(), state(node)));
        return nodes;
    }

    @Override
    public void labelAndTaint(String node, Map<String, String> labels, Taint taint) {
        client.nodes().withName(node).edit(current -> {
            current.getMetadata().getLabels().putAll(labels);
            List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>(current.getSpec().getTaints());
            taints.removeIf(existing -> existing.getKey().equals(taint.key()) && existing.getEffect().equals(taint.effect()));
            taints.add(new io.fabric8.kubernetes.api.model.Taint(taint.effect(), taint.key(), null, taint.value()));
            current.getSpec().setTaints(taints);
            return current;
        });
    }

    @Override
    public void deleteNode(String node) {
        client.nodes().withName(node).delete();
    }

    @Override
    public Watch watch(Consumer<NodeState> listener, Duration resync) {
        SharedIndexInformer<Node> informer = client.nodes().runnableInformer(resync.toMillis());
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                listener.accept(state(node));
            }

            @Override
            public void onUpdate(Node old, Node node) {
                listener.accept(state(node));
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                // a deleted node joins nothing
            }
        });
        // an unreachable API server (at start, or later) is tried again for as long as the watch lives
        informer.exceptionHandler((started, failure) -> true);
        informer.start();
        return Informers.watch(informer);
    }

    private static NodeState state(Node node) {
        boolean ready = node.getStatus() != null && node.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
        List<Taint> taints = node.getSpec() == null ? List.of() : node.getSpec().getTaints().stream()
                .map(taint -> new Taint(taint.getKey(), taint.getValue(), taint.getEffect())).toList();
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(node.getMetadata().getLabels());
        boolean unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        return new NodeState(node.getMetadata().getName(), labels, ready, unschedulable, taints);
    }
}
