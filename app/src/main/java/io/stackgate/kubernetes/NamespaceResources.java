package io.stackgate.kubernetes;

import java.time.Instant;
import java.util.List;

import io.stackgate.compute.ResourceScope;
import io.stackgate.compute.ResourceSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Namespaces in {@code GET /api/resources?kind=namespace}, with the RoleBindings the cluster has in force now. */
@Component
class NamespaceResources implements ResourceSource {

    /**
     * @param roleBindings as the API server has them now; null when the cluster could not be asked
     */
    record NamespaceView(String id, String kind, String tenant, String project, String requestId, String cluster,
            String name, String state, String stateReason, List<NamespacePlan.Binding> roleBindings, Instant createdAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(NamespaceResources.class);

    private final Namespaces namespaces;
    private final Clusters clusters;

    NamespaceResources(Namespaces namespaces, Clusters clusters) {
        this.namespaces = namespaces;
        this.clusters = clusters;
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
        return new NamespaceView(row.cluster() + "/" + row.name(), "namespace", row.tenantId(), row.projectId(),
                row.requestId(), row.cluster(), row.name(), row.state(), row.stateReason(), bindings, row.createdAt());
    }
}
