package io.stackgate.kubernetes.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The worker-node side of one cluster: bootstrap tokens, the Node objects of joining and leaving VMs, and what the
 * cluster's DaemonSets would run on a new node. Every operation is idempotent.
 */
public interface ClusterNodes {

    /** Labels every Stackgate object carries to find it again (a node's token: the request and the node's index). */
    String REQUEST_LABEL = "stackgate.io/request";
    String NODE_INDEX_LABEL = "stackgate.io/node-index";

    /**
     * The node's bootstrap token: one that is still valid for {@code validFor} adopted, else (the old one revoked) a new
     * Secret {@code bootstrap-token-<id>} in kube-system that expires at {@code expires}.
     */
    BootstrapToken ensureBootstrapToken(String requestId, int index, Instant expires, Duration validFor);

    Optional<BootstrapToken> bootstrapToken(String requestId, int index);

    void revokeBootstrapToken(String requestId, int index);

    Optional<NodeState> node(String name);

    /** Every Node of the cluster, by name: one call for a whole listing. */
    Map<String, NodeState> nodesByName();

    /** The API server's minor release, e.g. {@code v1.30}; empty when it does not say. */
    Optional<String> serverMinorVersion();

    /** Adds (or corrects) the labels and the taint; other labels and taints stay as they are. */
    void labelAndTaint(String node, Map<String, String> labels, Taint taint);

    void cordon(String node);

    /**
     * One round of evictions from the node (DaemonSet and mirror pods stay, as with {@code kubectl drain}); a pod whose
     * PodDisruptionBudget allows no disruption now is left for the next round. The node is drained when no pod but
     * those is left: an evicted pod counts until it has shut down, unless the node is not Ready (no kubelet will tell).
     */
    Drain evictPods(String node);

    void deleteNode(String node);

    /** The cluster's DaemonSets with what decides where they run and the images they pull. */
    List<DaemonSetView> daemonSets();

    /** Calls the listener for every Node added or changed, and for all of them every {@code resync}. */
    Watch watch(Consumer<NodeState> listener, Duration resync);

    /** {@code host:port} of the API server as the kubeconfig names it. */
    String apiServerEndpoint();

    /** {@code sha256:<hex>} of the public key of the CA the kubeconfig trusts; empty when it trusts none (demo). */
    Optional<String> caCertHash();

    /** A bootstrap token {@code <id>.<secret>}; the secret never appears in {@link #toString()}. */
    record BootstrapToken(String id, String secret, Instant expires) {

        public String value() {
            return id + "." + secret;
        }

        @Override
        public String toString() {
            return "BootstrapToken[" + id + ".****, expires " + expires + "]";
        }
    }

    record NodeState(String name, Map<String, String> labels, boolean ready, boolean unschedulable, List<Taint> taints) {
    }

    record Taint(String key, String value, String effect) {
    }

    /**
     * @param remaining pods still on the node, those shutting down after their eviction included
     * @param blocked   why some of them could not be evicted now (a PodDisruptionBudget, several budgets)
     */
    record Drain(List<String> remaining, List<String> blocked) {

        public boolean done() {
            return remaining.isEmpty();
        }
    }
}
