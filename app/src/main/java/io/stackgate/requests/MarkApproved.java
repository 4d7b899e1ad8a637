package io.stackgate.requests;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Mark approved": records the approval and names the provisioning process for the type. */
@Component("markApproved")
class MarkApproved implements JavaDelegate {

    private final RequestService requests;

    MarkApproved(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = (String) execution.getVariable("requestId");
        requests.approved(id);
        execution.setVariable("provisioningProcess", requests.load(id).type().provisioningProcess());
    }
}
