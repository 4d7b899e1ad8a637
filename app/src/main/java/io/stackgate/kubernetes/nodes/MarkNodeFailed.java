package io.stackgate.kubernetes.nodes;

import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Mark node failed" of {@code join-k8s-node}, after the node's completed steps were undone. */
@Component("markNodeFailed")
class MarkNodeFailed implements JavaDelegate {

    private final NodePools pools;

    MarkNodeFailed(NodePools pools) {
        this.pools = pools;
    }

    @Override
    public void execute(DelegateExecution execution) {
        pools.failed(Variables.REQUEST_ID.get(execution), NodeVariables.nodeIndex(execution), cause(execution));
    }

    /** Why the node is given up: the error that ended its join. */
    static String cause(DelegateExecution execution) {
        return Variables.FAILURE_CAUSE.get(execution, "node provisioning failed");
    }
}
