package io.stackgate.kubernetes;

import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.NamespaceSpec;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.SpecCheck;
import io.stackgate.web.InvalidInput;
import org.springframework.stereotype.Component;

/**
 * A namespace request must name a configured cluster (or have one to default to) and a DNS-1123 name not in use there;
 * a deleted namespace stays deleted.
 */
@Component
class NamespaceCheck implements SpecCheck {

    private final Clusters clusters;
    private final Namespaces namespaces;

    NamespaceCheck(Clusters clusters, Namespaces namespaces) {
        this.clusters = clusters;
        this.namespaces = namespaces;
    }

    @Override
    public void check(String tenantId, String projectId, RequestSpec spec) {
        if (spec instanceof NamespaceSpec namespace) {
            Cluster cluster = clusters.find(namespace.cluster()).orElseThrow(() -> new InvalidInput("spec.cluster",
                    clusters.names().isEmpty() ? "no Kubernetes cluster is configured (stackgate.kubernetes.clusters)"
                            : "no cluster " + namespace.cluster() + "; known: " + clusters.names()));
            String name = NamespacePlanner.namespaceName(tenantId, projectId, namespace.suffix());
            if (namespaces.isTaken(cluster.name(), name)) {
                throw new InvalidInput("spec.suffix", "namespace " + name + " already exists on cluster " + cluster.name());
            }
        }
        if (spec instanceof DecommissionSpec decommission && namespaces.ofRequest(decommission.requestId())
                .filter(row -> "DELETED".equals(row.state())).isPresent()) {
            throw new InvalidInput("spec.requestId", "the namespace of request " + decommission.requestId() + " is already gone");
        }
    }
}
