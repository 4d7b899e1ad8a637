package io.stackgate.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ImageCatalogue;
import io.stackgate.kubernetes.ClusterNodes.DaemonSetView;
import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.NodePoolSpec;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.SpecCheck;
import io.stackgate.web.InvalidInput;
import org.springframework.stereotype.Component;

/**
 * A node request must name a configured cluster that takes nodes of its arch, the cluster's node image must exist for
 * that arch, and — for aarch64 — every DaemonSet that would land on the node (it tolerates the tenant's taint and its
 * node selector admits arm64: the CNI, typically) must have an arm64 image. The classic failure is a manifest whose
 * images are amd64 only: the node would join and never become Ready. A decommission of one node must name a node
 * of the pool that is still there.
 */
@Component
class NodePoolCheck implements SpecCheck {

    private final Clusters clusters;
    private final ImageCatalogue images;
    private final ImagePlatforms platforms;
    private final Nodes nodes;

    NodePoolCheck(Clusters clusters, ImageCatalogue images, ImagePlatforms platforms, Nodes nodes) {
        this.clusters = clusters;
        this.nodes = nodes;
        this.images = images;
        this.platforms = platforms;
    }

    @Override
    public void check(String tenantId, String projectId, RequestSpec spec) {
        if (spec instanceof DecommissionSpec decommission && decommission.node() != null) {
            Nodes.Row node = nodes.find(decommission.requestId(), decommission.node()).orElseThrow(() -> new InvalidInput(
                    "spec.node", "request " + decommission.requestId() + " has no node " + decommission.node()));
            if (node.state() == Nodes.State.DELETED || node.state() == Nodes.State.FAILED) {
                throw new InvalidInput("spec.node", "node " + node.name() + " is already gone");
            }
        }
        if (!(spec instanceof NodePoolSpec pool)) {
            return;
        }
        Cluster cluster = clusters.find(pool.cluster()).orElseThrow(() -> new InvalidInput("spec.cluster",
                clusters.names().isEmpty() ? "no Kubernetes cluster is configured (stackgate.kubernetes.clusters)"
                        : "no cluster " + pool.cluster() + "; known: " + clusters.names()));
        KubernetesProperties.ClusterConfig config = clusters.config(cluster.name());
        if (!config.arches().contains(pool.arch())) {
            throw new InvalidInput("spec.arch", "cluster " + cluster.name() + " takes " + config.arches() + " nodes only");
        }
        if (!images.offers(config.nodes().image(), Arch.valueOf(pool.arch()))) {
            throw new InvalidInput("spec.arch", "the image catalogue has no " + config.nodes().image() + " image for "
                    + pool.arch() + ", which cluster " + cluster.name() + " boots its nodes from");
        }
        try {
            if (!config.demo() && config.nodes().caCertHash().isEmpty() && cluster.nodes().caCertHash().isEmpty()) {
                throw new InvalidInput("spec.cluster", "cluster " + cluster.name() + " has no CA certificate in its "
                        + "kubeconfig to pin for kubeadm join; set its nodes.ca-cert-hash");
            }
            if (Arch.valueOf(pool.arch()) == Arch.aarch64) {
                List<String> problems = arm64Problems(cluster, tenantId);
                if (!problems.isEmpty()) {
                    throw new InvalidInput("spec.arch", "cluster " + cluster.name() + " cannot run arm64 pods: "
                            + String.join("; ", problems));
                }
            }
        } catch (io.fabric8.kubernetes.client.KubernetesClientException unreachable) {
            throw new InvalidInput("spec.cluster", "cluster " + cluster.name() + " cannot be asked: "
                    + unreachable.getMessage());
        }
    }

    private List<String> arm64Problems(Cluster cluster, String tenantId) {
        List<String> problems = new ArrayList<>();
        ClusterNodes.Taint taint = NodePools.taint(tenantId);
        for (DaemonSetView daemonSet : cluster.nodes().daemonSets()) {
            boolean lands = daemonSet.arches().contains("arm64")
                    && daemonSet.tolerations().stream().anyMatch(toleration -> toleration.tolerates(taint));
            if (!lands) {
                continue;
            }
            for (String image : daemonSet.images()) {
                Optional<Set<String>> arches = platforms.architectures(image);
                String where = "DaemonSet " + daemonSet.namespace() + "/" + daemonSet.name() + " runs " + image;
                if (arches.isEmpty()) {
                    problems.add(where + ", whose platforms cannot be told (registry unreachable; declare them under "
                            + "stackgate.kubernetes.images.overrides)");
                } else if (!arches.get().contains("arm64")) {
                    problems.add(where + ", which is published for " + arches.get().stream().sorted().toList() + " only");
                }
            }
        }
        return problems;
    }
}
