package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Mark VM failed", after the compensation: the VM is FAILED with the cause, and an incident of type
 * {@value #INCIDENT_TYPE} records for operators which step failed and why (it stays in the history).
 */
@Component("markVmFailed")
class MarkVmFailed implements JavaDelegate {

    static final String INCIDENT_TYPE = "provisioningFailed";

    private final VmProvisioning provisioning;

    MarkVmFailed(VmProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String cause = String.valueOf(execution.getVariable("failureCause"));
        provisioning.failed(VmStep.requestId(execution), VmStep.vmIndex(execution), cause);
        execution.createIncident(INCIDENT_TYPE, VmStep.requestId(execution), cause);
    }
}
