package io.stackgate.kubernetes.nodes;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Service task "Create bootstrap token" of {@code join-k8s-node}: records the node and makes its bootstrap token; the
 * Node name it will register under becomes the variable {@code nodeName}, which the node-ready message is matched on.
 * A {@link VmStep}: the node's index is the index of the VM it runs on.
 */
@Component("createBootstrapToken")
class CreateBootstrapToken extends VmStep {

    private final NodePools pools;

    CreateBootstrapToken(Steps steps, NodePools pools) {
        super(steps);
        this.pools = pools;
    }

    @Override
    protected String name() {
        return "create bootstrap token";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        NodeVariables.NODE_NAME.set(execution, pools.prepare(requestId, vmIndex));
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        pools.revokeToken(requestId, vmIndex);
    }
}
