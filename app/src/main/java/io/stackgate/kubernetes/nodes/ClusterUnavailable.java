package io.stackgate.kubernetes.nodes;

import io.stackgate.errors.DomainError;

/** The cluster did not answer while the request was checked: try again later. */
class ClusterUnavailable extends DomainError {

    ClusterUnavailable(String cluster, String cause) {
        super(Kind.UNAVAILABLE, "spec.cluster", "spec.cluster: cluster " + cluster + " cannot be asked now: " + cause);
    }
}
