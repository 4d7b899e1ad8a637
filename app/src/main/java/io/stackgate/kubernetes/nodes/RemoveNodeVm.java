package io.stackgate.kubernetes.nodes;

import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Remove Node and VM", the undo of "Provision the node's VM": the Node object and the VM go. */
@Component("removeNodeVm")
class RemoveNodeVm implements JavaDelegate {

    private final NodePools pools;

    RemoveNodeVm(NodePools pools) {
        this.pools = pools;
    }

    @Override
    public void execute(DelegateExecution execution) {
        pools.removeNodeAndVm(Variables.REQUEST_ID.get(execution), NodeVariables.nodeIndex(execution),
                MarkNodeFailed.cause(execution));
    }
}
