package io.stackgate.kubernetes.namespaces;

import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.stackgate.kubernetes.NamespaceEvents.NamespaceStepDone;
import io.stackgate.kubernetes.cluster.Cluster;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import io.stackgate.requests.NamespaceSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The steps of {@code provision-namespace.bpmn}: each applies one part of the namespace's plan (recomputed from
 * tenants-config every time, so a retry applies what is declared now), and its undo deletes the namespace — only if
 * it is this request's: a namespace of the same name that another request (or someone else) made is never adopted
 * and never deleted.
 */
@Service
public class NamespaceProvisioning {

    private static final Logger log = LoggerFactory.getLogger(NamespaceProvisioning.class);

    private final RequestService requests;
    private final Tenants tenants;
    private final Clusters clusters;
    private final Namespaces namespaces;
    private final NamespacePlans plans;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NamespaceProvisioning(RequestService requests, Tenants tenants, Clusters clusters, Namespaces namespaces,
            NamespacePlans plans, ApplicationEventPublisher events, Clock clock) {
        this.requests = requests;
        this.tenants = tenants;
        this.clusters = clusters;
        this.namespaces = namespaces;
        this.plans = plans;
        this.events = events;
        this.clock = clock;
    }

    public void applyNamespace(String requestId) {
        step(requestId, "apply namespace", (cluster, plan) -> {
            Optional<Namespaces.Row> row = namespaces.ofRequest(requestId);
            if (row.isEmpty()) {
                // submitted before names were held at submit
                ResourceRequest request = requests.load(requestId);
                NamespaceSpec spec = (NamespaceSpec) request.spec();
                namespaces.insertIfAbsent(cluster.name(), plan.name(), request.tenantId(), request.projectId(), requestId,
                        spec.quota() == null ? null : spec.quota().asQuota(), clock.instant());
            } else if (Namespaces.RESERVED.equals(row.get().state())) {
                namespaces.state(requestId, Namespaces.PROVISIONING, null, clock.instant());
            }
            cluster.namespace(plan.name()).ifPresent(live -> {
                if (!requestId.equals(live.requestLabel())) {
                    throw new IllegalStateException("namespace " + plan.name() + " already exists on cluster "
                            + cluster.name() + " and was not made for this request");
                }
            });
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
        namespaces.state(requestId, Namespaces.ACTIVE, null, clock.instant());
    }

    /** Undo of the whole request: the namespace goes (with everything in it), if it is this request's. */
    public void deleteNamespace(String requestId, String cause) {
        namespaces.ofRequest(requestId).ifPresent(row -> {
            clusters.find(row.cluster()).ifPresent(cluster -> {
                if (!cluster.deleteNamespace(row.name(), requestId)) {
                    log.info("namespace {} on {} is not request {}'s (or gone): left alone", row.name(), row.cluster(),
                            requestId);
                }
            });
            namespaces.state(requestId, Namespaces.FAILED, cause, clock.instant());
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
        Quota share = namespaces.ofRequest(requestId).map(Namespaces.Row::share)
                .orElse(spec.quota() == null ? null : spec.quota().asQuota());
        NamespacePlan plan = plans.of(tenant, project, cluster.name(), spec.suffix(), requestId, share);
        apply.accept(cluster, plan);
        events.publishEvent(new NamespaceStepDone(requestId, tenant.id(), cluster.name(), plan.name(), step, false,
                clock.instant()));
    }
}
