package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Compensation of "Reserve placement": the host capacity is given back. */
@Component("releasePlacement")
class ReleasePlacement implements JavaDelegate {

    private final VmProvisioning provisioning;

    ReleasePlacement(VmProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        provisioning.releasePlacement(VmStep.requestId(execution), VmStep.vmIndex(execution));
    }
}
