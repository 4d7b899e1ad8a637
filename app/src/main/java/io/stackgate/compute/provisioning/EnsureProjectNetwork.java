package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Ensure project network": the tenant project's isolated network on the VM's host. */
@Component("ensureProjectNetwork")
class EnsureProjectNetwork extends VmStep {

    private final VmProvisioning provisioning;

    EnsureProjectNetwork(Steps steps, VmProvisioning provisioning) {
        super(steps);
        this.provisioning = provisioning;
    }

    @Override
    protected String name() {
        return "ensure project network";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        provisioning.ensureProjectNetwork(requestId, vmIndex);
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        provisioning.releaseProjectNetwork(requestId, vmIndex);
    }
}
