package io.stackgate.requests.process;

import io.stackgate.requests.RequestService;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Mark pending approval": the approval chain wants at least one level; the request waits for it. */
@Component("markPendingApproval")
class MarkPendingApproval implements JavaDelegate {

    private final RequestService requests;

    MarkPendingApproval(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.awaitApproval(Variables.REQUEST_ID.get(execution));
    }
}
