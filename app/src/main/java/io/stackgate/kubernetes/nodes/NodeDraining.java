package io.stackgate.kubernetes.nodes;

import io.stackgate.errors.DomainError;

/** Another decommission is draining the node now: two drains would each restart the other's drain clock. */
class NodeDraining extends DomainError {

    NodeDraining(String field, String node, String byRequest) {
        super(Kind.CONFLICT, field, field + ": node " + node + " is being drained by decommission " + byRequest);
    }
}
