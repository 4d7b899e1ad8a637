package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Record resource": the VM is recorded as running, with its lease. */
@Component("recordResource")
class RecordResource extends VmStep {

    private final VmProvisioning provisioning;

    RecordResource(Steps steps, VmProvisioning provisioning) {
        super(steps);
        this.provisioning = provisioning;
    }

    @Override
    protected String name() {
        return "record resource";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        provisioning.recordResource(requestId, vmIndex);
    }
}
