package io.stackgate.kubernetes.nodes;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Variable;

/** The process variables of {@code provision-k8s-nodes} and {@code join-k8s-node}, beside the request id. */
final class NodeVariables {

    /** Which node of the pool a {@code join-k8s-node} instance joins: the index of its VM among the request's. */
    static final Variable<Integer> NODE_INDEX = VmStep.VM_INDEX;

    /** The Node name the node's VM registers under; the node-ready message is matched on it. */
    static final Variable<String> NODE_NAME = Variable.string("nodeName");

    /** How many nodes the pool has: the cardinality of the multi-instance that joins them. */
    static final Variable<Integer> NODE_COUNT = Variable.integer("nodeCount");

    /** How long a node may take to become Ready (an ISO-8601 duration, for the join's timer). */
    static final Variable<String> JOIN_TIMEOUT = Variable.string("joinTimeout");

    private NodeVariables() {
    }

    /** The node's index; 0 when the variable is missing (a pool of one). */
    static int nodeIndex(org.camunda.bpm.engine.delegate.VariableScope execution) {
        return NODE_INDEX.get(execution, 0);
    }
}
