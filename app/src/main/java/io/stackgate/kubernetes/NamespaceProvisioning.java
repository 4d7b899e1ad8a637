package io.stackgate.kubernetes;

import java.time.Clock;
import java.util.function.BiConsumer;

import io.stackgate.requests.NamespaceSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The steps of {@code provision-namespace.bpmn}: each applies one part of the namespace's plan (recomputed from
 * tenants-config every time, so a retry applies what is declared now), and its undo deletes the namespace.
 */
@Service
public class NamespaceProvisioning {

    /** A step of a namespace request finished ({@code compensated}: the namespace was deleted again). */
    public record NamespaceStepDone(String requestId, String tenantId, String cluster, String namespace, String step,
            boolean compensated, java.time.Instant at) {
    }

    private final RequestService requests;
    private final Tenants tenants;
    private final Clusters clusters;
    private final Namespaces namespaces;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    NamespaceProvisioning(RequestService requests, Tenants tenants, Clusters clusters, Namespaces namespaces,
            ApplicationEventPublisher events) {
        this.requests = requests;
        this.tenants = tenants;
        this.clusters = clusters;
        this.namespaces = namespaces;
        this.events = events;
    }

    public void applyNamespace(String requestId) {
        step(requestId, "apply namespace", (cluster, plan) -> {
            if (namespaces.ofRequest(requestId).isEmpty() && namespaces.isTaken(cluster.name(), plan.name())) {
                throw new IllegalStateException("namespace " + plan.name() + " already exists on cluster " + cluster.name());
            }
            namespaces.insertIfAbsent(cluster.name(), plan.name(), plan.labels().get(NamespacePlan.TENANT_LABEL),
                    plan.labels().get(NamespacePlan.PROJECT_LABEL), requestId, clock.instant());
            cluster.applyNamespace(plan);
        });
    }

    public void applyQuota(String requestId) {
        step(requestId, "apply quota and limits", Cluster::applyQuota);
    }

    public void applyNetworkPolicy(String requestId) {
        step(requestId, "apply network policy", Cluster::applyNetworkPolicy);
    }

    public void applyRoleBindings(String requestId) {
        step(requestId, "apply role bindings", Cluster::applyRoleBindings);
        namespaces.state(requestId, "ACTIVE", null, clock.instant());
    }

    /** Undo of the whole request: the namespace goes (with everything in it). */
    public void deleteNamespace(String requestId, String cause) {
        namespaces.ofRequest(requestId).ifPresent(row -> {
            clusters.find(row.cluster()).ifPresent(cluster -> cluster.deleteNamespace(row.name()));
            namespaces.state(requestId, "FAILED", cause, clock.instant());
            events.publishEvent(new NamespaceStepDone(requestId, row.tenantId(), row.cluster(), row.name(),
                    "apply namespace", true, clock.instant()));
        });
    }

    private void step(String requestId, String step, BiConsumer<Cluster, NamespacePlan> apply) {
        ResourceRequest request = requests.load(requestId);
        NamespaceSpec spec = (NamespaceSpec) request.spec();
        Cluster cluster = clusters.find(spec.cluster())
                .orElseThrow(() -> new IllegalStateException("no Kubernetes cluster " + spec.cluster()));
        Tenant tenant = tenants.find(request.tenantId()).orElseThrow();
        Project project = tenant.project(request.projectId()).orElseThrow(
                () -> new IllegalStateException("project " + request.projectId() + " left tenants-config"));
        NamespacePlan plan = NamespacePlanner.plan(tenant, project, spec.suffix(), requestId,
                clusters.config(cluster.name()).groupPrefix());
        apply.accept(cluster, plan);
        events.publishEvent(new NamespaceStepDone(requestId, tenant.id(), cluster.name(), plan.name(), step, false,
                clock.instant()));
    }
}
