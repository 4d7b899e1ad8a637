package io.stackgate.kubernetes.nodes;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Label and taint node": the Ready node, checked for its arch, gets its tenant's labels and taint. */
@Component("labelAndTaintNode")
class LabelAndTaintNode extends VmStep {

    private final NodePools pools;

    LabelAndTaintNode(Steps steps, NodePools pools) {
        super(steps);
        this.pools = pools;
    }

    @Override
    protected String name() {
        return "label and taint node";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        pools.labelAndTaint(requestId, vmIndex);
    }
}
