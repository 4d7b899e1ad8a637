package io.stackgate.kubernetes.nodes;

import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Revoke bootstrap token": once the node joined, and as the undo of its creation. */
@Component("revokeBootstrapToken")
class RevokeBootstrapToken implements JavaDelegate {

    private final NodePools pools;

    RevokeBootstrapToken(NodePools pools) {
        this.pools = pools;
    }

    @Override
    public void execute(DelegateExecution execution) {
        pools.revokeToken(Variables.REQUEST_ID.get(execution), NodeVariables.nodeIndex(execution));
    }
}
