package io.stackgate.kubernetes.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.stackgate.kubernetes.cluster.ClusterNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's stand-in for a cluster: fabric8's API mock server in CRUD mode, in-process on a loopback
 * port, clearly a demo (it stores objects, enforces nothing: no RBAC, no quota; its only kubelet is the simulated one
 * of {@link #registerNode}). Its kubeconfig is
 * written for {@code kubectl --kubeconfig data/demo-cluster.kubeconfig …}. Never used outside the embedded default.
 */
public final class DemoCluster {

    private static final Logger log = LoggerFactory.getLogger(DemoCluster.class);

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private DemoCluster(KubernetesMockServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    public static DemoCluster start(String name, Path kubeconfigFile) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new DemoDiscovery(new KubernetesCrudDispatcher()), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = server.createClient();
        String url = client.getConfiguration().getMasterUrl();
        try {
            if (kubeconfigFile.getParent() != null) {
                Files.createDirectories(kubeconfigFile.getParent());
            }
            Files.writeString(kubeconfigFile, kubeconfig(name, url));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo cluster's kubeconfig " + kubeconfigFile, e);
        }
        log.info("demo Kubernetes cluster '{}' (fabric8 API mock server, CRUD only — no RBAC or quota enforced; a "
                + "simulated kubelet registers worker VMs as nodes) at {}; kubeconfig: {}", name, url,
                kubeconfigFile.toAbsolutePath());
        return new DemoCluster(server, client);
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * The demo's simulated kubelet: registers the Node of a worker VM that runs, Ready, with the labels a kubelet
     * sets and the taint its kubeadm join configuration names. Only the demo cluster does this.
     */
    public void registerNode(String name, String kubernetesArch, ClusterNodes.Taint taint) {
        if (client.nodes().withName(name).get() != null) {
            return;
        }
        client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/arch", kubernetesArch).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/hostname", name)
                .addToAnnotations("stackgate.io/simulated-kubelet", "true").endMetadata()
                .withNewSpec().addNewTaint().withKey(taint.key()).withValue(taint.value()).withEffect(taint.effect())
                .endTaint().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("demo cluster: simulated kubelet").endCondition().endStatus()
                .build()).create();
        log.info("demo cluster: simulated kubelet registered node {} ({})", name, kubernetesArch);
    }

    public void stop() {
        client.close();
        server.destroy();
    }

    private static String kubeconfig(String name, String url) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    insecure-skip-tls-verify: true
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: demo
                current-context: %1$s
                users:
                - name: demo
                  user:
                    token: demo
                """.formatted(name, url);
    }
}
