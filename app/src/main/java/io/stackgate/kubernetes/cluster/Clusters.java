package io.stackgate.kubernetes.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.stackgate.kubernetes.demo.DemoCluster;
import io.stackgate.kubernetes.fabric8.Fabric8Cluster;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/** The configured clusters, each reached through its kubeconfig (or the pod's service account: {@code in-cluster}). */
@Component
public class Clusters {

    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, KubernetesProperties.ClusterConfig> configs = new LinkedHashMap<>();
    private final List<KubernetesClient> clients = new java.util.ArrayList<>();
    private final Map<String, DemoCluster> demos = new LinkedHashMap<>();

    Clusters(KubernetesProperties properties, Clock clock) {
        for (KubernetesProperties.ClusterConfig config : properties.clusters()) {
            KubernetesClient client;
            if (KubernetesProperties.DEMO.equals(config.kubeconfig())) {
                DemoCluster demo = DemoCluster.start(config.name(), Path.of(config.demoKubeconfigFile()));
                demos.put(config.name(), demo);
                client = demo.client();
            } else {
                client = new KubernetesClientBuilder().withConfig(config(config)).build();
                clients.add(client);
            }
            clusters.put(config.name(), new Fabric8Cluster(config.name(), client, clock));
            configs.put(config.name(), config);
        }
    }

    /** The named cluster, or the first configured one when the name is null. */
    public Optional<Cluster> find(String name) {
        if (name == null) {
            return clusters.values().stream().findFirst();
        }
        return Optional.ofNullable(clusters.get(name));
    }

    public KubernetesProperties.ClusterConfig config(String name) {
        return configs.get(name);
    }

    /** The named cluster's demo stand-in, when it is the demo cluster. */
    public Optional<DemoCluster> demo(String name) {
        return Optional.ofNullable(demos.get(name));
    }

    public List<String> names() {
        return List.copyOf(clusters.keySet());
    }

    @PreDestroy
    void close() {
        clients.forEach(KubernetesClient::close);
        demos.values().forEach(DemoCluster::stop);
    }

    private static Config config(KubernetesProperties.ClusterConfig cluster) {
        if ("in-cluster".equals(cluster.kubeconfig())) {
            return Config.autoConfigure(null);
        }
        try {
            return Config.fromKubeconfig(Files.readString(Path.of(cluster.kubeconfig())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kubeconfig of cluster " + cluster.name() + ": "
                    + cluster.kubeconfig(), e);
        }
    }
}
