package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Create volumes": the root disk from the image and the cloud-init seed, in the host's pool. */
@Component("createVolumes")
class CreateVolumes extends VmStep {

    private final VmProvisioning provisioning;

    CreateVolumes(Steps steps, VmProvisioning provisioning) {
        super(steps);
        this.provisioning = provisioning;
    }

    @Override
    protected String name() {
        return "create volumes";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        provisioning.createVolumes(requestId, vmIndex);
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        provisioning.deleteVolumes(requestId, vmIndex);
    }
}
