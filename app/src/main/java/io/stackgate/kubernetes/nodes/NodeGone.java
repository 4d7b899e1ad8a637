package io.stackgate.kubernetes.nodes;

import io.stackgate.errors.DomainError;

/** A decommission names a node that is deleted already (or never joined). */
class NodeGone extends DomainError {

    NodeGone(String node) {
        super(Kind.INVALID, "spec.node", "spec.node: node " + node + " is already gone");
    }
}
