package io.stackgate.kubernetes.cluster;

import java.util.List;

import io.stackgate.errors.DomainError;

/** The request names a cluster that is not configured (or none is configured at all). */
public class UnknownCluster extends DomainError {

    public UnknownCluster(String cluster, List<String> known) {
        super(Kind.INVALID, "spec.cluster", "spec.cluster: " + (known.isEmpty()
                ? "no Kubernetes cluster is configured (stackgate.kubernetes.clusters)"
                : "no cluster " + cluster + "; known: " + known));
    }
}
