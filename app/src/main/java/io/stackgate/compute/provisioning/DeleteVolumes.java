package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Compensation of "Create volumes": root disk and seed are deleted. */
@Component("deleteVolumes")
class DeleteVolumes implements JavaDelegate {

    private final VmProvisioning provisioning;

    DeleteVolumes(VmProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        provisioning.deleteVolumes(VmStep.requestId(execution), VmStep.vmIndex(execution));
    }
}
