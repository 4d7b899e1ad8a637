package io.stackgate.requests.process;

import io.stackgate.requests.RequestService;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Mark approved": records the approval and names the provisioning process for the type. */
@Component("markApproved")
public class MarkApproved implements JavaDelegate {

    private final RequestService requests;

    public MarkApproved(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Variables.REQUEST_ID.get(execution);
        requests.approved(id);
        execution.setVariable("provisioningProcess", requests.load(id).type().provisioningProcess());
    }
}
