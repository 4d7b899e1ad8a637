package io.stackgate.kubernetes;

import io.stackgate.requests.NamespaceSpec;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.SpecCheck;
import io.stackgate.web.InvalidInput;
import org.springframework.stereotype.Component;

/** A namespace request must name a configured cluster (or have one to default to) and a name not yet in use. */
@Component
class NamespaceCheck implements SpecCheck {

    private final Clusters clusters;

    NamespaceCheck(Clusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public void check(RequestSpec spec) {
        if (spec instanceof NamespaceSpec namespace && clusters.find(namespace.cluster()).isEmpty()) {
            throw new InvalidInput("spec.cluster", clusters.names().isEmpty()
                    ? "no Kubernetes cluster is configured (stackgate.kubernetes.clusters)"
                    : "no cluster " + namespace.cluster() + "; known: " + clusters.names());
        }
    }
}
