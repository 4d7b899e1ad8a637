package io.stackgate.kubernetes;

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
record KubernetesProperties(@DefaultValue @Valid List<ClusterConfig> clusters) {

    /** A kubeconfig path meaning "fabric8's in-process mock API server, as a labelled demo cluster". */
    static final String DEMO = "demo";

    /**
     * @param kubeconfig  path of a kubeconfig; {@code in-cluster} for the pod's service account; {@code demo} for the
     *                    in-process demo cluster (embedded default only)
     * @param groupPrefix the API server's {@code --oidc-groups-prefix}: RoleBindings name {@code <prefix><group path>}
     * @param arches      what the cluster's nodes may be (and its DaemonSets must run on)
     * @param demoKubeconfigFile where the demo cluster's kubeconfig is written, for kubectl
     */
    record ClusterConfig(@NotBlank @Pattern(regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?") String name,
            @NotBlank String kubeconfig, @DefaultValue("oidc:") String groupPrefix,
            @DefaultValue({"x86_64", "aarch64"}) List<String> arches,
            @DefaultValue("data/demo-cluster.kubeconfig") String demoKubeconfigFile) {
    }
}
