package io.stackgate.kubernetes.cluster;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kubernetes clusters Stackgate manages namespaces and worker nodes in.
 *
 * @param clusters the clusters; the first is the default for requests that name none
 */
@ConfigurationProperties("stackgate.kubernetes")
@Validated
public record KubernetesProperties(@DefaultValue @Valid List<ClusterConfig> clusters) {

    /** A kubeconfig path meaning "fabric8's in-process mock API server, as a labelled demo cluster". */
    public static final String DEMO = "demo";

    /**
     * @param kubeconfig  path of a kubeconfig; {@code in-cluster} for the pod's service account; {@code demo} for the
     *                    in-process demo cluster (embedded default only)
     * @param groupPrefix the API server's {@code --oidc-groups-prefix}: RoleBindings name {@code <prefix><group path>}
     * @param arches      what the cluster's nodes may be (and its DaemonSets must run on)
     * @param demoKubeconfigFile where the demo cluster's kubeconfig is written, for kubectl
     * @param nodes       how worker nodes are made and joined
     */
    public record ClusterConfig(@NotBlank @Pattern(regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?") String name,
            @NotBlank String kubeconfig, @DefaultValue("oidc:") String groupPrefix,
            @DefaultValue({"x86_64", "aarch64"}) List<String> arches,
            @DefaultValue("data/demo-cluster.kubeconfig") String demoKubeconfigFile,
            @DefaultValue @Valid NodeSettings nodes) {

        public boolean demo() {
            return DEMO.equals(kubeconfig);
        }
    }

    /**
     * @param image             the image catalogue's entry the node VMs boot (per arch, as the catalogue has it)
     * @param kubernetesVersion the minor release ({@code v1.30}) kubeadm, kubelet and kubectl come from; empty: the API
     *                          server's own (a kubelet must not be newer than its API server)
     * @param packageRepository where the Debian packages of each minor release are: {@code <repository><version>/deb/}
     * @param apiServerEndpoint {@code host:port} the nodes join; empty: the kubeconfig's server (required with
     *                          {@code in-cluster}: a new node cannot reach the service's cluster IP)
     * @param caCertHash        {@code sha256:<hex>} of the cluster CA's public key; empty: from the kubeconfig's CA
     * @param tokenTtl          how long a bootstrap token is valid (slow boots and package installs included)
     * @param joinTimeout       how long a node may take from VM start to Ready before it is given up and removed
     * @param drainTimeout      how long a decommission waits for pods to leave (PodDisruptionBudgets respected)
     * @param drainRetry        how often a blocked drain tries the evictions again
     * @param resync            how often the node watch re-delivers every node (a missed event is caught then)
     */
    public record NodeSettings(@DefaultValue("debian-12") String image, @DefaultValue("") String kubernetesVersion,
            @DefaultValue("https://pkgs.k8s.io/core:/stable:/") String packageRepository,
            @DefaultValue("") String apiServerEndpoint, @DefaultValue("") String caCertHash,
            @DefaultValue("PT4H") Duration tokenTtl, @DefaultValue("PT20M") Duration joinTimeout,
            @DefaultValue("PT10M") Duration drainTimeout, @DefaultValue("PT10S") Duration drainRetry,
            @DefaultValue("PT30S") Duration resync) {
    }
}
