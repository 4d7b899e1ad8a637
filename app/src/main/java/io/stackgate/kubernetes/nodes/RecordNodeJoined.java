package io.stackgate.kubernetes.nodes;

import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Record node joined" of {@code join-k8s-node}: the node is READY. */
@Component("recordNodeJoined")
class RecordNodeJoined implements JavaDelegate {

    private final NodePools pools;

    RecordNodeJoined(NodePools pools) {
        this.pools = pools;
    }

    @Override
    public void execute(DelegateExecution execution) {
        pools.joined(Variables.REQUEST_ID.get(execution), NodeVariables.nodeIndex(execution));
    }
}
