package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Define domain": the arch-correct domain with our metadata, named after the request. */
@Component("defineDomain")
class DefineDomain extends VmStep {

    private final VmProvisioning provisioning;

    DefineDomain(Steps steps, VmProvisioning provisioning) {
        super(steps);
        this.provisioning = provisioning;
    }

    @Override
    protected String name() {
        return "define domain";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        provisioning.defineDomain(requestId, vmIndex);
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        provisioning.undefineDomain(requestId, vmIndex);
    }
}
