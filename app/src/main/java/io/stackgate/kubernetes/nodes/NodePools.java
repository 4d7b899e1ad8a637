package io.stackgate.kubernetes.nodes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.stackgate.compute.Arch;
import io.stackgate.compute.VmNaming;
import io.stackgate.compute.VmRemoval;
import io.stackgate.compute.VmTemplate;
import io.stackgate.compute.VmTemplates;
import io.stackgate.kubernetes.NodeEvents.NodeFailed;
import io.stackgate.kubernetes.NodeEvents.NodeJoined;
import io.stackgate.kubernetes.NodeEvents.NodeStepDone;
import io.stackgate.kubernetes.cluster.Cluster;
import io.stackgate.kubernetes.cluster.ClusterNodes.BootstrapToken;
import io.stackgate.kubernetes.cluster.ClusterNodes.Taint;
import io.stackgate.kubernetes.cluster.ClusterNodes;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.KubernetesProperties.ClusterConfig;
import io.stackgate.kubernetes.cluster.KubernetesProperties;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import io.stackgate.requests.NodePoolSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.QuotaService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * The steps of {@code join-k8s-node.bpmn} for one worker node of a {@code k8s-nodes} request (its VM is VM
 * {@code index} of the request, made by {@code provision-vm}), each idempotent and each with its undo; and the VM
 * template compute builds the node's VM from.
 */
@Service
public class NodePools implements VmTemplates {

    static final String TAINT_KEY = "stackgate.io/tenant";
    static final String TAINT_EFFECT = "NoSchedule";
    static final String ARCH_LABEL = "kubernetes.io/arch";
    /** What the demo cluster's nodes would install: its mock API server tells no version. */
    static final String DEMO_KUBERNETES_VERSION = "v1.30";

    private final RequestService requests;
    private final Clusters clusters;
    private final Nodes nodes;
    private final VmRemoval vms;
    private final QuotaService quotas;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NodePools(RequestService requests, Clusters clusters, Nodes nodes, @Lazy VmRemoval vms, QuotaService quotas,
            ApplicationEventPublisher events, Clock clock) {
        this.requests = requests;
        this.clusters = clusters;
        this.nodes = nodes;
        this.vms = vms;
        this.quotas = quotas;
        this.events = events;
        this.clock = clock;
    }

    /** Records the node and makes (or adopts) its bootstrap token; returns the Node name the VM will register. */
    public String prepare(String requestId, int index) {
        ResourceRequest request = requests.load(requestId);
        NodePoolSpec spec = spec(request);
        Cluster cluster = cluster(spec);
        String name = VmNaming.domainName(request.tenantId(), requestId, index);
        nodes.insertIfAbsent(requestId, index, cluster.name(), name, request.tenantId(), request.projectId(), spec.arch(),
                clock.instant());
        token(cluster, requestId, index);
        step(requestId, index, "create bootstrap token", false);
        return name;
    }

    /**
     * The node's token, valid for at least the join timeout and an hour for the VM's remaining steps and its boot from
     * now (a fresh one if the old one would not be).
     */
    private BootstrapToken token(Cluster cluster, String requestId, int index) {
        KubernetesProperties.NodeSettings settings = config(cluster).nodes();
        BootstrapToken token = cluster.nodes().ensureBootstrapToken(requestId, index,
                clock.instant().plus(settings.tokenTtl()), settings.joinTimeout().plus(Duration.ofHours(1)));
        nodes.token(requestId, index, token.id(), clock.instant());
        return token;
    }

    public void revokeToken(String requestId, int index) {
        ResourceRequest request = requests.load(requestId);
        cluster(spec(request)).nodes().revokeBootstrapToken(requestId, index);
        step(requestId, index, "create bootstrap token", true);
    }

    /**
     * The node registered and is Ready: it must be of the arch asked for; then it gets the tenant's labels and taint
     * (the taint again: the node registered with it, but a kubelet's own registration is not to be trusted).
     */
    public void labelAndTaint(String requestId, int index) {
        Nodes.Row node = node(requestId, index);
        ClusterNodes cluster = cluster(node.cluster()).nodes();
        ClusterNodes.NodeState state = cluster.node(node.name())
                .orElseThrow(() -> new IllegalStateException("node " + node.name() + " is not registered"));
        String expected = NodeUserData.kubernetesArch(Arch.valueOf(node.arch()));
        if (!expected.equals(state.labels().get(ARCH_LABEL))) {
            throw new IllegalStateException("node " + node.name() + " registered as " + ARCH_LABEL + "="
                    + state.labels().get(ARCH_LABEL) + ", but " + expected + " was asked for");
        }
        cluster.labelAndTaint(node.name(), Map.of(NamespacePlan.TENANT_LABEL, node.tenantId(),
                NamespacePlan.PROJECT_LABEL, node.projectId(), NamespacePlan.REQUEST_LABEL, requestId,
                NamespacePlan.MANAGED_BY_LABEL, "stackgate"), taint(node.tenantId()));
        step(requestId, index, "label and taint", false);
    }

    public void joined(String requestId, int index) {
        Nodes.Row node = node(requestId, index);
        nodes.state(requestId, index, Nodes.State.READY, null, clock.instant());
        events.publishEvent(new NodeJoined(requestId, index, node.tenantId(), node.projectId(), node.cluster(), node.name(),
                clock.instant()));
    }

    /** Undo of the node's VM: the Node object (if it registered) and the VM go; the VM is marked failed. */
    public void removeNodeAndVm(String requestId, int index, String cause) {
        nodes.find(requestId, index).ifPresent(node -> cluster(node.cluster()).nodes().deleteNode(node.name()));
        vms.undo(requestId, index, cause);
        step(requestId, index, "provision VM", true);
    }

    /**
     * The node is given up: FAILED with the cause (recorded even when its first step never committed), and a Node
     * object it may have registered goes (the VM's own compensation does not know of it).
     */
    public void failed(String requestId, int index, String cause) {
        ResourceRequest request = requests.load(requestId);
        NodePoolSpec spec = spec(request);
        String name = VmNaming.domainName(request.tenantId(), requestId, index);
        nodes.insertIfAbsent(requestId, index, spec.cluster(), name, request.tenantId(), request.projectId(), spec.arch(),
                clock.instant());
        clusters.find(spec.cluster()).ifPresent(cluster -> cluster.nodes().deleteNode(name));
        nodes.state(requestId, index, Nodes.State.FAILED, cause, clock.instant());
        events.publishEvent(new NodeFailed(requestId, index, request.tenantId(), spec.cluster(), name, cause,
                clock.instant()));
    }

    /**
     * After every node ran its course: none joined — the request fails with the nodes' causes; some did — the quota of
     * the failed ones is freed and the request completes with the nodes that joined.
     */
    public Outcome settle(String requestId) {
        NodePoolSpec spec = spec(requests.load(requestId));
        List<Nodes.Row> all = nodes.ofRequest(requestId);
        long ready = all.stream().filter(node -> node.state() == Nodes.State.READY).count();
        List<String> causes = all.stream().filter(node -> node.state() == Nodes.State.FAILED)
                .map(node -> node.name() + ": " + node.stateReason()).toList();
        if (ready < spec.count()) {
            NodePoolSpec kept = new NodePoolSpec(spec.cluster(), (int) ready, spec.arch(), spec.vcpus(), spec.memoryMiB(),
                    spec.diskGiB(), spec.gpus());
            quotas.shrink(requestId, kept.demand());
        }
        return new Outcome((int) ready, causes);
    }

    public record Outcome(int joined, List<String> causes) {
    }

    @Override
    public boolean handles(ResourceRequest request) {
        return request.spec() instanceof NodePoolSpec;
    }

    /** The node's VM: the pool's size and arch, the cluster's node image; its hostname is the Node name. */
    @Override
    public VmTemplate template(ResourceRequest request, int index) {
        NodePoolSpec spec = spec(request);
        ClusterConfig config = config(cluster(spec));
        return new VmTemplate(VmNaming.domainName(request.tenantId(), request.id(), index), Arch.valueOf(spec.arch()),
                spec.vcpus(), spec.memoryMiB(), spec.diskGiB(), config.nodes().image(), spec.gpus(), List.of(), null);
    }

    /** The join as cloud-init, with a token made or refreshed now, so that it outlives the wait for the node. */
    @Override
    public String userData(ResourceRequest request, int index) {
        NodePoolSpec spec = spec(request);
        Cluster cluster = cluster(spec);
        ClusterConfig config = config(cluster);
        String endpoint = config.nodes().apiServerEndpoint().isEmpty() ? cluster.nodes().apiServerEndpoint()
                : config.nodes().apiServerEndpoint();
        String hash = config.nodes().caCertHash().isEmpty() ? cluster.nodes().caCertHash().orElse(null)
                : config.nodes().caCertHash();
        if (hash == null && !config.demo()) {
            throw new IllegalStateException("cluster " + cluster.name() + " has no CA to pin (set its nodes.ca-cert-hash)");
        }
        String version = !config.nodes().kubernetesVersion().isEmpty() ? config.nodes().kubernetesVersion()
                : cluster.nodes().serverMinorVersion().orElseGet(() -> {
                    if (config.demo()) {
                        return DEMO_KUBERNETES_VERSION;
                    }
                    throw new IllegalStateException("cluster " + cluster.name() + " does not tell its version; set its "
                            + "nodes.kubernetes-version");
                });
        BootstrapToken token = token(cluster, request.id(), index);
        return NodeUserData.render(new NodeUserData.Join(VmNaming.domainName(request.tenantId(), request.id(), index),
                Arch.valueOf(spec.arch()), config.nodes().packageRepository(), version, endpoint, token.value(), hash,
                taint(request.tenantId())));
    }

    static Taint taint(String tenant) {
        return new Taint(TAINT_KEY, tenant, TAINT_EFFECT);
    }

    ClusterConfig config(Cluster cluster) {
        return clusters.config(cluster.name());
    }

    Cluster cluster(NodePoolSpec spec) {
        return clusters.find(spec.cluster())
                .orElseThrow(() -> new IllegalStateException("cluster " + spec.cluster() + " is not configured any more"));
    }

    private Cluster cluster(String name) {
        return clusters.find(name).orElseThrow(() -> new IllegalStateException("cluster " + name + " is not configured any more"));
    }

    private Nodes.Row node(String requestId, int index) {
        return nodes.find(requestId, index)
                .orElseThrow(() -> new IllegalStateException("node " + requestId + "#" + index + " is not recorded"));
    }

    private void step(String requestId, int index, String step, boolean compensated) {
        nodes.find(requestId, index).ifPresent(node -> events.publishEvent(new NodeStepDone(requestId, index,
                node.tenantId(), node.cluster(), node.name(), step, compensated, clock.instant())));
    }

    static NodePoolSpec spec(ResourceRequest request) {
        if (request.spec() instanceof NodePoolSpec spec) {
            return spec;
        }
        throw new IllegalStateException("request " + request.id() + " is not a k8s-nodes request");
    }
}
