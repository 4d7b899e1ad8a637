package io.stackgate.kubernetes.nodes;

import io.stackgate.errors.DomainError;

/** A decommission names a node index the node pool does not have. */
class UnknownNode extends DomainError {

    UnknownNode(String requestId, int node) {
        super(Kind.INVALID, "spec.node", "spec.node: request " + requestId + " has no node " + node);
    }
}
