package io.stackgate.kubernetes.nodes;

import io.stackgate.errors.DomainError;

/**
 * The cluster's configuration lacks what new nodes need to join it: an API server endpoint they can reach, a CA to
 * pin.
 */
class ClusterNotJoinable extends DomainError {

    ClusterNotJoinable(String message) {
        super(Kind.INVALID, "spec.cluster", "spec.cluster: " + message);
    }
}
