package io.stackgate.kubernetes;

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
interface ClusterNodes {

    /** Labels every Stackgate object carries to find it again (a node's token: the request and the node's index). */
    String REQUEST_LABEL = "stackgate.io/request";
    String NODE_INDEX_LABEL = "stackgate.io/node-index";

    /** The node's bootstrap token: the live one adopted, else a new Secret {@code bootstrap-token-<id>} in kube-system. */
    BootstrapToken ensureBootstrapToken(String requestId, int index, Instant expires);

    Optional<BootstrapToken> bootstrapToken(String requestId, int index);

    void revokeBootstrapToken(String requestId, int index);

    Optional<NodeState> node(String name);

    /** Adds (or corrects) the labels and the taint; other labels and taints stay as they are. */
    void labelAndTaint(String node, Map<String, String> labels, Taint taint);

    void cordon(String node);

    /**
     * One round of evictions from the node (DaemonSet and mirror pods stay, as with {@code kubectl drain}); a pod whose
     * PodDisruptionBudget allows no disruption now is left for the next round.
     */
    Drain evictPods(String node);

    void deleteNode(String node);

    /** The cluster's DaemonSets with what decides where they run and the images they pull. */
    List<DaemonSetView> daemonSets();

    /** Calls the listener for every Node added or changed, and for all of them every {@code resync}. */
    AutoCloseable watch(Consumer<NodeState> listener, Duration resync);

    /** {@code host:port} of the API server as the kubeconfig names it. */
    String apiServerEndpoint();

    /** {@code sha256:<hex>} of the public key of the CA the kubeconfig trusts; empty when it trusts none (demo). */
    Optional<String> caCertHash();

    /** A bootstrap token {@code <id>.<secret>}; the secret never appears in {@link #toString()}. */
    record BootstrapToken(String id, String secret, Instant expires) {

        String value() {
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

    /** @param remaining pods still on the node (evicted ones that are terminating no longer count) */
    record Drain(List<String> remaining, List<String> blocked) {

        boolean done() {
            return remaining.isEmpty();
        }
    }

    /** @param arches the node arches ({@code kubernetes.io/arch} values) its node selector and affinity admit */
    record DaemonSetView(String namespace, String name, List<String> images, List<String> arches,
            List<Toleration> tolerations) {
    }

    record Toleration(String key, String operator, String value, String effect) {

        boolean tolerates(Taint taint) {
            boolean effect = this.effect == null || this.effect.isEmpty() || this.effect.equals(taint.effect());
            if (key == null || key.isEmpty()) {
                return "Exists".equals(operator) && effect;
            }
            if (!key.equals(taint.key())) {
                return false;
            }
            return effect && ("Exists".equals(operator) || java.util.Objects.equals(value, taint.value()));
        }
    }
}
