package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Compensation of "Ensure project network": the network goes unless another VM of the project on the host uses it. */
@Component("releaseProjectNetwork")
class ReleaseProjectNetwork implements JavaDelegate {

    private final VmProvisioning provisioning;

    ReleaseProjectNetwork(VmProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        provisioning.releaseProjectNetwork(VmStep.requestId(execution), VmStep.vmIndex(execution));
    }
}
