package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Await running": retried until the hypervisor reports the domain running. */
@Component("awaitRunning")
class AwaitRunning extends VmStep {

    private final VmProvisioning provisioning;

    AwaitRunning(Steps steps, VmProvisioning provisioning) {
        super(steps);
        this.provisioning = provisioning;
    }

    @Override
    protected String name() {
        return "await running";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        provisioning.awaitRunning(requestId, vmIndex);
    }
}
