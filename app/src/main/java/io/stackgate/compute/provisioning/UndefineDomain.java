package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Compensation of "Define domain" and "Start domain": power off, undefine, NVRAM removed. */
@Component("undefineDomain")
class UndefineDomain implements JavaDelegate {

    private final VmProvisioning provisioning;

    UndefineDomain(VmProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        provisioning.undefineDomain(VmStep.requestId(execution), VmStep.vmIndex(execution));
    }
}
