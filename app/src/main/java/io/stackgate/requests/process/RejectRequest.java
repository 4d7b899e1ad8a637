package io.stackgate.requests.process;

import io.stackgate.requests.RequestService;
import io.stackgate.requests.RequestVariables;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Reject request": ends the request with the approver's reason and frees its quota. */
@Component("rejectRequest")
public class RejectRequest implements JavaDelegate {

    private final RequestService requests;

    public RejectRequest(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.rejected(Variables.REQUEST_ID.get(execution),
                RequestVariables.DECIDED_BY.get(execution),
                RequestVariables.REJECTION_REASON.get(execution));
    }
}
