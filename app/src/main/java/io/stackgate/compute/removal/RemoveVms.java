package io.stackgate.compute.removal;

import io.stackgate.compute.VmRemoval;
import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Remove VMs" of a decommission: the target request's VMs leave their hosts. */
@Component("removeVms")
class RemoveVms implements JavaDelegate {

    private final RequestService requests;
    private final VmRemoval provisioning;

    RemoveVms(RequestService requests, VmRemoval provisioning) {
        this.requests = requests;
        this.provisioning = provisioning;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestId = Variables.REQUEST_ID.get(execution);
        DecommissionSpec spec = (DecommissionSpec) requests.load(requestId).spec();
        provisioning.decommission(spec.requestId(), requestId);
    }
}
