package io.stackgate.kubernetes.nodes;


import io.stackgate.compute.Arch;
import io.stackgate.compute.ComputeEvents.VmProvisioned;
import io.stackgate.kubernetes.cluster.ClusterNodes;
import io.stackgate.kubernetes.cluster.ClusterWatches;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Watches every cluster's Nodes (a fabric8 informer each) and tells a joining node's process that its Node is Ready:
 * the message {@value #NODE_READY}, matched on the process variable {@code nodeName}. The informer re-delivers every
 * node each resync, so a node that became Ready before its process waited for it is caught then. On the demo cluster
 * it also plays the kubelet: a worker VM that runs registers its Node.
 */
@Component
public class NodeWatch {

    static final String NODE_READY = "k8s-node-ready";

    private static final Logger log = LoggerFactory.getLogger(NodeWatch.class);

    private final Clusters clusters;
    private final Nodes nodes;
    private final RuntimeService runtime;
    private final ClusterWatches watches = new ClusterWatches("nodes");

    NodeWatch(Clusters clusters, Nodes nodes, RuntimeService runtime) {
        this.clusters = clusters;
        this.nodes = nodes;
        this.runtime = runtime;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        watches.start(clusters, (name, cluster) -> cluster.nodes().watch(node -> onNode(name, node),
                clusters.config(name).nodes().resync()));
    }

    void onNode(String cluster, ClusterNodes.NodeState node) {
        // every node of the cluster comes by at each resync: only a Ready one Stackgate has not labelled yet may be
        // joining, and only those are looked up
        if (!node.ready() || node.labels().containsKey(NamespacePlan.REQUEST_LABEL)
                || nodes.joining(cluster, node.name()).isEmpty()) {
            return;
        }
        try {
            int correlated = runtime.createMessageCorrelation(NODE_READY)
                    .processInstanceVariableEquals(NodeVariables.NODE_NAME.name(), node.name())
                    .correlateAllWithResult().size();
            if (correlated > 0) {
                log.info("node {} of cluster {} is Ready", node.name(), cluster);
            }
        } catch (RuntimeException busy) {
            // its process is in the middle of a step (optimistic locking): the next resync tries again
            log.debug("node {} is Ready, its process not yet waiting: {}", node.name(), busy.getMessage());
        }
    }

    /** The demo cluster's simulated kubelet: the worker's VM runs, so its Node registers. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onVmRunning(VmProvisioned vm) {
        nodes.find(vm.requestId(), vm.vmIndex()).ifPresent(node -> clusters.demo(node.cluster()).ifPresent(demo ->
                demo.registerNode(node.name(), NodeUserData.kubernetesArch(Arch.valueOf(node.arch())),
                        NodePools.taint(node.tenantId()))));
    }

    /** Per cluster: whether its watch is open now. */
    public java.util.Map<String, Boolean> watching() {
        return watches.watching();
    }

    @PreDestroy
    void stop() {
        watches.close();
    }
}
