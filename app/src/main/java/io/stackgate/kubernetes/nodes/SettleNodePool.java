package io.stackgate.kubernetes.nodes;

import io.stackgate.workflow.Causes;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Service task "Settle the node pool" of {@code provision-k8s-nodes}: fails the request when no node joined, frees
 * the quota of the nodes that did not.
 */
@Component("settleNodePool")
class SettleNodePool implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SettleNodePool.class);

    private final NodePools pools;

    SettleNodePool(NodePools pools) {
        this.pools = pools;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestId = Variables.REQUEST_ID.get(execution);
        NodePools.Outcome outcome = pools.settle(requestId);
        if (outcome.joined() == 0) {
            String causes = "no node joined: " + String.join("; ", outcome.causes());
            log.warn("node pool {} failed: {}", requestId, causes);
            throw new BpmnError(CheckNodePool.PROVISIONING_FAILED, Causes.clip(causes, Causes.PROCESS_VARIABLE));
        }
    }
}
