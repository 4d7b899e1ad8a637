package io.stackgate.kubernetes.fabric8;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackgate.kubernetes.cluster.ClusterNodes;
import io.stackgate.kubernetes.cluster.DaemonSetView;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import io.stackgate.kubernetes.cluster.Watch;

/** {@link ClusterNodes} through the fabric8 client. */
class Fabric8Nodes implements ClusterNodes {

    private static final String TOKEN_NAMESPACE = "kube-system";
    private static final char[] TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final KubernetesClient client;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Boolean policyV1;

    Fabric8Nodes(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public BootstrapToken ensureBootstrapToken(String requestId, int index, Instant expires, Duration validFor) {
        Optional<BootstrapToken> existing = bootstrapToken(requestId, index)
                .filter(token -> token.expires().isAfter(clock.instant().plus(validFor)));
        if (existing.isPresent()) {
            return existing.get();
        }
        revokeBootstrapToken(requestId, index);
        String id = randomString(6);
        String secret = randomString(16);
        client.secrets().inNamespace(TOKEN_NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("bootstrap-token-" + id).withLabels(tokenLabels(requestId, index)).endMetadata()
                .withType("bootstrap.kubernetes.io/token")
                .addToStringData("token-id", id)
                .addToStringData("token-secret", secret)
                .addToStringData("expiration", expires.toString())
                .addToStringData("description", "Stackgate: joins node " + index + " of request " + requestId)
                .addToStringData("usage-bootstrap-authentication", "true")
                .addToStringData("usage-bootstrap-signing", "true")
                .addToStringData("auth-extra-groups", "system:bootstrappers:kubeadm:default-node-token")
                .build()).create();
        return new BootstrapToken(id, secret, expires);
    }

    @Override
    public Optional<BootstrapToken> bootstrapToken(String requestId, int index) {
        return tokenSecrets(requestId, index).stream().findFirst().map(secret -> new BootstrapToken(
                decoded(secret, "token-id"), decoded(secret, "token-secret"), Instant.parse(decoded(secret, "expiration"))));
    }

    @Override
    public void revokeBootstrapToken(String requestId, int index) {
        tokenSecrets(requestId, index).forEach(secret -> client.secrets().inNamespace(TOKEN_NAMESPACE)
                .withName(secret.getMetadata().getName()).delete());
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
    public Optional<String> serverMinorVersion() {
        var version = client.getKubernetesVersion();
        if (version == null || version.getMajor() == null || version.getMinor() == null) {
            return Optional.empty(); // the demo cluster's mock server tells none
        }
        return Optional.of("v" + version.getMajor() + "." + version.getMinor().replaceAll("[^0-9]", ""));
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
    public void cordon(String node) {
        if (client.nodes().withName(node).get() != null) {
            client.nodes().withName(node).edit(current -> {
                current.getSpec().setUnschedulable(true);
                return current;
            });
        }
    }

    @Override
    public Drain evictPods(String node) {
        boolean policyV1 = policyV1();
        // a node that is not Ready has no kubelet to confirm a pod's shutdown: its evicted pods are as good as gone
        boolean ready = node(node).map(NodeState::ready).orElse(false);
        List<String> remaining = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        for (Pod pod : client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems()) {
            if (staysOnDrain(pod)) {
                continue;
            }
            String name = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                if (ready) {
                    remaining.add(name); // evicted, shutting down
                }
                continue;
            }
            remaining.add(name);
            var resource = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName());
            try {
                boolean evicted = policyV1
                        ? resource.evict(new EvictionBuilder().withNewMetadata().withName(pod.getMetadata().getName())
                                .withNamespace(pod.getMetadata().getNamespace()).endMetadata().build())
                        : resource.evict(); // policy/v1beta1: API servers before 1.21
                if (!evicted) {
                    blocked.add(name + " (its PodDisruptionBudget allows no disruption now)");
                } else if (!ready) {
                    remaining.remove(name);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    remaining.remove(name); // gone meanwhile
                } else if (e.getCode() == 500) {
                    blocked.add(name + " (" + e.getStatus().getMessage() + ")"); // e.g. more than one budget
                } else {
                    throw e;
                }
            }
        }
        return new Drain(List.copyOf(remaining), List.copyOf(blocked));
    }

    /** Whether the API server serves policy/v1 (1.21 and later), asked once: it does not change under a client. */
    private boolean policyV1() {
        Boolean served = policyV1;
        if (served == null) {
            served = client.supports("policy/v1", "PodDisruptionBudget");
            policyV1 = served;
        }
        return served;
    }

    @Override
    public void deleteNode(String node) {
        client.nodes().withName(node).delete();
    }

    @Override
    public List<DaemonSetView> daemonSets() {
        Map<String, String> tenantOf = new java.util.HashMap<>();
        client.namespaces().withLabel(NamespacePlan.TENANT_LABEL).list().getItems().forEach(namespace ->
                tenantOf.put(namespace.getMetadata().getName(), namespace.getMetadata().getLabels().get(NamespacePlan.TENANT_LABEL)));
        return client.apps().daemonSets().inAnyNamespace().list().getItems().stream()
                .map(daemonSet -> view(daemonSet, tenantOf.get(daemonSet.getMetadata().getNamespace()))).toList();
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
        return watch(informer);
    }

    /** The informer as a {@link Watch}. */
    static Watch watch(SharedIndexInformer<?> informer) {
        return new Watch() {
            @Override
            public boolean watching() {
                return informer.isWatching();
            }

            @Override
            public void close() {
                informer.close();
            }
        };
    }

    @Override
    public String apiServerEndpoint() {
        URI server = URI.create(client.getConfiguration().getMasterUrl());
        int port = server.getPort() > 0 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
        return server.getHost() + ":" + port;
    }

    @Override
    public Optional<String> caCertHash() {
        try {
            String data = client.getConfiguration().getCaCertData();
            String file = client.getConfiguration().getCaCertFile();
            byte[] pem;
            if (data != null && !data.isBlank()) {
                pem = Base64.getDecoder().decode(data.trim());
            } else if (file != null && !file.isBlank()) {
                pem = Files.readAllBytes(Path.of(file));
            } else {
                return Optional.empty();
            }
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.getPublicKey().getEncoded());
            return Optional.of("sha256:" + HexFormat.of().formatHex(digest));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the CA certificate the kubeconfig trusts: " + e.getMessage(), e);
        }
    }

    private List<Secret> tokenSecrets(String requestId, int index) {
        return client.secrets().inNamespace(TOKEN_NAMESPACE).withLabels(tokenLabels(requestId, index)).list().getItems();
    }

    private static Map<String, String> tokenLabels(String requestId, int index) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(REQUEST_LABEL, requestId);
        labels.put(NODE_INDEX_LABEL, Integer.toString(index));
        return labels;
    }

    private String randomString(int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(TOKEN_CHARS[random.nextInt(TOKEN_CHARS.length)]);
        }
        return value.toString();
    }

    private static String decoded(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key); // the demo cluster stores what it was given
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static boolean staysOnDrain(Pod pod) {
        boolean mirror = pod.getMetadata().getAnnotations() != null
                && pod.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror");
        boolean daemon = pod.getMetadata().getOwnerReferences().stream().anyMatch(owner -> "DaemonSet".equals(owner.getKind()));
        return mirror || daemon;
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

    private static DaemonSetView view(DaemonSet daemonSet, String namespaceTenant) {
        PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
        List<String> images = new ArrayList<>();
        pod.getInitContainers().forEach(container -> images.add(container.getImage()));
        pod.getContainers().forEach(container -> images.add(container.getImage()));
        List<DaemonSetView.Toleration> tolerations = pod.getTolerations().stream().map(toleration ->
                new DaemonSetView.Toleration(toleration.getKey(), toleration.getOperator(), toleration.getValue(),
                        toleration.getEffect())).toList();
        List<List<DaemonSetView.Requirement>> terms = new ArrayList<>();
        if (pod.getAffinity() != null && pod.getAffinity().getNodeAffinity() != null
                && pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            for (NodeSelectorTerm term : pod.getAffinity().getNodeAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()) {
                terms.add(term.getMatchExpressions().stream().map(requirement -> new DaemonSetView.Requirement(
                        requirement.getKey(), requirement.getOperator(), requirement.getValues())).toList());
            }
        }
        return new DaemonSetView(daemonSet.getMetadata().getNamespace(), daemonSet.getMetadata().getName(), namespaceTenant,
                images.stream().distinct().toList(), pod.getNodeSelector() == null ? Map.of() : Map.copyOf(pod.getNodeSelector()),
                terms, tolerations);
    }
}
