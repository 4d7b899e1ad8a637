package io.stackgate.compute;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Define domain": the arch-correct domain with our metadata, named after the request. */
@Component("defineDomain")
class DefineDomain extends ProvisioningStep {

    private final VmProvisioning provisioning;

    DefineDomain(ProvisioningSteps steps, VmProvisioning provisioning) {
        super(steps);
        this.provisioning = provisioning;
    }

    @Override
    String name() {
        return "define domain";
    }

    @Override
    void run(String requestId, int vmIndex, DelegateExecution execution) {
        provisioning.defineDomain(requestId, vmIndex);
    }

    @Override
    void undo(String requestId, int vmIndex) {
        provisioning.undefineDomain(requestId, vmIndex);
    }
}
