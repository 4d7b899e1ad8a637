package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Start domain". */
@Component("startDomain")
class StartDomain extends VmStep {

    private final VmProvisioning provisioning;

    StartDomain(Steps steps, VmProvisioning provisioning) {
        super(steps);
        this.provisioning = provisioning;
    }

    @Override
    protected String name() {
        return "start domain";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        provisioning.startDomain(requestId, vmIndex);
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        provisioning.undefineDomain(requestId, vmIndex);
    }
}
