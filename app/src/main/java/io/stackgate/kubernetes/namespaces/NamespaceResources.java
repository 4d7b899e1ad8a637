package io.stackgate.kubernetes.namespaces;

import java.time.Instant;
import java.util.List;

import io.stackgate.compute.ResourceScope;
import io.stackgate.compute.ResourceSource;
import io.stackgate.kubernetes.cluster.Cluster;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Namespaces in {@code GET /api/resources?kind=namespace}, with the RoleBindings the cluster has in force now. */
@Component
class NamespaceResources implements ResourceSource {

    /**
     * @param quota        the namespace's share of the project's quota (its ResourceQuota)
     * @param roleBindings as the API server has them now; null when the cluster could not be asked
     */
    record NamespaceView(String id, String kind, String tenant, String project, String requestId, String cluster,
            String name, String state, String stateReason, Share quota, List<NamespacePlan.Binding> roleBindings,
            Instant createdAt) {
    }

    /** @param configuredDefault true for a namespace made before shares existed: the configured default applies */
    record Share(int vcpus, long memoryMiB, long diskGiB, int gpus, boolean configuredDefault) {
    }

    private static final Logger log = LoggerFactory.getLogger(NamespaceResources.class);

    private final Namespaces namespaces;
    private final Clusters clusters;
    private final NamespacePlans plans;

    NamespaceResources(Namespaces namespaces, Clusters clusters, NamespacePlans plans) {
        this.namespaces = namespaces;
        this.clusters = clusters;
        this.plans = plans;
    }

    @Override
    public String kind() {
        return "namespace";
    }

    @Override
    public long count(ResourceScope scope) {
        return namespaces.count(scope);
    }

    @Override
    public List<?> list(ResourceScope scope, long offset, int limit) {
        return namespaces.search(scope, offset, limit).stream().map(this::view).toList();
    }

    private NamespaceView view(Namespaces.Row row) {
        List<NamespacePlan.Binding> bindings = null;
        if ("ACTIVE".equals(row.state())) {
            try {
                bindings = clusters.find(row.cluster()).flatMap(cluster -> cluster.namespace(row.name()))
                        .map(Cluster.NamespaceState::roleBindings).orElse(List.of());
            } catch (RuntimeException e) {
                log.warn("cluster {} did not answer for namespace {}: {}", row.cluster(), row.name(), e.getMessage());
            }
        }
        io.stackgate.tenancy.Quota share = plans.shareOrDefault(row.share());
        return new NamespaceView(row.cluster() + "/" + row.name(), "namespace", row.tenantId(), row.projectId(),
                row.requestId(), row.cluster(), row.name(), row.state(), row.stateReason(),
                new Share(share.vcpus(), share.memoryMiB(), share.diskGiB(), share.gpus(), row.share() == null), bindings,
                row.createdAt());
    }
}
