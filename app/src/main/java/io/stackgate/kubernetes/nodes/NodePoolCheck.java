package io.stackgate.kubernetes.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackgate.compute.Arch;
import io.stackgate.compute.ImageCatalogue;
import io.stackgate.errors.DomainError;
import io.stackgate.kubernetes.cluster.Cluster;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.DaemonSetView;
import io.stackgate.kubernetes.cluster.KubernetesProperties;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import io.stackgate.kubernetes.cluster.UnknownCluster;
import io.stackgate.kubernetes.registry.ImagePlatforms;
import io.stackgate.kubernetes.registry.ImageReference;
import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.NodePoolSpec;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.SpecCheck;
import org.springframework.stereotype.Component;

/**
 * A node request must name a configured cluster that takes nodes of its arch, the cluster's node image must exist for
 * that arch, the nodes must be able to reach the API server with a CA to pin, and — for aarch64 — every DaemonSet
 * that would land on the node (its selector and required affinity match the node's labels and it tolerates the
 * tenant's taint: the CNI, typically) must have an arm64 image. Only DaemonSets of the cluster's own namespaces and of
 * the tenant's count: another tenant's cannot land on this tenant's nodes (see {@link DaemonSetView#mayRunOnNodesOf}),
 * so they are neither looked up nor named in a refusal. The classic failure is a manifest whose images are amd64 only:
 * the node would join and never become Ready. A decommission of one node must name a node of the pool that is still
 * there.
 */
@Component
class NodePoolCheck implements SpecCheck {

    private final Clusters clusters;
    private final ImageCatalogue images;
    private final ImagePlatforms platforms;
    private final Nodes nodes;

    NodePoolCheck(Clusters clusters, ImageCatalogue images, ImagePlatforms platforms, Nodes nodes) {
        this.clusters = clusters;
        this.images = images;
        this.platforms = platforms;
        this.nodes = nodes;
    }

    @Override
    public void check(String tenantId, String projectId, RequestSpec spec) {
        if (spec instanceof DecommissionSpec decommission && decommission.node() != null) {
            Nodes.Row node = nodes.find(decommission.requestId(), decommission.node())
                    .orElseThrow(() -> new UnknownNode(decommission.requestId(), decommission.node()));
            if (node.state() == Nodes.State.DELETED || node.state() == Nodes.State.FAILED) {
                throw new NodeGone(node.name());
            }
        }
        if (spec instanceof DecommissionSpec decommission) {
            // two decommissions draining one node would each restart the other's drain clock
            nodes.ofRequest(decommission.requestId()).stream()
                    .filter(node -> decommission.node() == null || node.index() == decommission.node())
                    .filter(node -> node.state() == Nodes.State.DRAINING).findFirst().ifPresent(node -> {
                        throw new NodeDraining(decommission.node() == null ? "spec.requestId" : "spec.node",
                                node.name(), node.drainRequestId());
                    });
        }
        if (spec instanceof NodePoolSpec pool) {
            try {
                refusal(tenantId, projectId, pool).ifPresent(refused -> {
                    throw refused;
                });
            } catch (KubernetesClientException unreachable) {
                throw new ClusterUnavailable(pool.cluster(), unreachable.getMessage());
            }
        }
    }

    /**
     * Why the cluster cannot take the pool, if it cannot; a cluster that does not answer throws (the caller decides
     * whether that refuses: at submit it does, an approved request's step tries again).
     */
    Optional<DomainError> refusal(String tenantId, String projectId, NodePoolSpec pool) {
        Optional<Cluster> found = clusters.find(pool.cluster());
        if (found.isEmpty()) {
            return Optional.of(new UnknownCluster(pool.cluster(), clusters.names()));
        }
        Cluster cluster = found.get();
        KubernetesProperties.ClusterConfig config = clusters.config(cluster.name());
        if (!config.arches().contains(pool.arch())) {
            return Optional.of(new ArchNotSupported(cluster.name(), config.arches()));
        }
        if (!images.offers(config.nodes().image(), Arch.valueOf(pool.arch()))) {
            return Optional.of(new NoNodeImage(config.nodes().image(), pool.arch(), cluster.name()));
        }
        if ("in-cluster".equals(config.kubeconfig()) && config.nodes().apiServerEndpoint().isEmpty()) {
            return Optional.of(new ClusterNotJoinable("cluster " + cluster.name() + " is reached in-cluster; "
                    + "new nodes cannot reach the service's cluster IP: set its nodes.api-server-endpoint"));
        }
        if (!config.demo() && config.nodes().caCertHash().isEmpty() && cluster.nodes().caCertHash().isEmpty()) {
            return Optional.of(new ClusterNotJoinable("cluster " + cluster.name() + " has no CA certificate in "
                    + "its kubeconfig to pin for kubeadm join; set its nodes.ca-cert-hash"));
        }
        if (Arch.valueOf(pool.arch()) == Arch.aarch64) {
            List<String> problems = arm64Problems(cluster, tenantId, projectId);
            if (!problems.isEmpty()) {
                return Optional.of(new DaemonSetsLackArch(cluster.name(), problems));
            }
        }
        return Optional.empty();
    }

    private List<String> arm64Problems(Cluster cluster, String tenantId, String projectId) {
        // the labels an arm64 worker has once it joined and Stackgate labelled it (its hostname cannot matter here)
        Map<String, String> labels = Map.of(NodePools.ARCH_LABEL, "arm64", "beta.kubernetes.io/arch", "arm64",
                "kubernetes.io/os", "linux", "beta.kubernetes.io/os", "linux", NamespacePlan.TENANT_LABEL, tenantId,
                NamespacePlan.PROJECT_LABEL, projectId, NamespacePlan.MANAGED_BY_LABEL, "stackgate");
        List<String> problems = new ArrayList<>();
        for (DaemonSetView daemonSet : cluster.nodes().daemonSets()) {
            if (!daemonSet.mayRunOnNodesOf(tenantId) || !daemonSet.landsOn(labels, NodePools.taint(tenantId))) {
                continue;
            }
            for (String image : daemonSet.images()) {
                Optional<Set<String>> arches = platforms.architectures(image);
                String where = "DaemonSet " + daemonSet.namespace() + "/" + daemonSet.name() + " runs " + image;
                if (arches.isEmpty()) {
                    problems.add(where + ", whose platforms cannot be told (" + (platforms.asksRegistryOf(image)
                            ? "its registry did not answer" : "its registry is not among stackgate.kubernetes.images.registries")
                            + "); declare them under stackgate.kubernetes.images.overrides, e.g. \"[" + overrideKey(image)
                            + "]\": [amd64, arm64]");
                } else if (!arches.get().contains("arm64")) {
                    problems.add(where + ", which is published for " + arches.get().stream().sorted().toList() + " only");
                }
            }
        }
        return problems;
    }

    /** The override key that covers every tag of the image's repository. */
    private static String overrideKey(String image) {
        try {
            ImageReference reference = ImageReference.parse(image);
            return reference.registry() + "/" + reference.repository() + ":*";
        } catch (IllegalArgumentException notAReference) {
            return image;
        }
    }
}
