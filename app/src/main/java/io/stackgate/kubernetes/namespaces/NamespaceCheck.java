package io.stackgate.kubernetes.namespaces;

import io.stackgate.kubernetes.cluster.Cluster;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.UnknownCluster;
import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.NamespaceSpec;
import io.stackgate.requests.QuotaChangeSpec;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.SpecCheck;
import org.springframework.stereotype.Component;

/**
 * A namespace request gets the configured default share of its project's quota where it names none, and must name a
 * configured cluster (or have one to default to) and a DNS-1123 name not in use there (the name is then held in the
 * submitting transaction by {@link NamespaceReservations}, which settles a race this look-up cannot); a deleted
 * namespace stays deleted; a quota change naming a namespace must name an active one of the same project.
 */
@Component
class NamespaceCheck implements SpecCheck {

    private final Clusters clusters;
    private final Namespaces namespaces;
    private final NamespaceProperties settings;

    NamespaceCheck(Clusters clusters, Namespaces namespaces, NamespaceProperties settings) {
        this.clusters = clusters;
        this.namespaces = namespaces;
        this.settings = settings;
    }

    @Override
    public RequestSpec withDefaults(RequestSpec spec) {
        if (spec instanceof NamespaceSpec namespace) {
            return namespace.withDefaultShare(settings.defaultQuota().share());
        }
        return spec;
    }

    @Override
    public void check(String tenantId, String projectId, RequestSpec spec) {
        if (spec instanceof NamespaceSpec namespace) {
            Cluster cluster = clusters.find(namespace.cluster())
                    .orElseThrow(() -> new UnknownCluster(namespace.cluster(), clusters.names()));
            String name = NamespacePlanner.namespaceName(tenantId, projectId, namespace.suffix());
            if (namespaces.isTaken(cluster.name(), name)) {
                throw new NamespaceTaken(name, cluster.name());
            }
        }
        if (spec instanceof DecommissionSpec decommission && namespaces.ofRequest(decommission.requestId())
                .filter(row -> Namespaces.DELETED.equals(row.state())).isPresent()) {
            throw new NamespaceGone(decommission.requestId());
        }
        if (spec instanceof QuotaChangeSpec change && change.namespace() != null) {
            // one answer for "none", "another project's" and "not active": nothing is told of other projects
            namespaces.ofRequest(change.namespace())
                    .filter(row -> row.tenantId().equals(tenantId) && row.projectId().equals(projectId))
                    .filter(row -> Namespaces.ACTIVE.equals(row.state()))
                    .orElseThrow(() -> new NoActiveNamespace(change.namespace()));
        }
    }
}
