package io.stackgate.requests;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.stackgate.workflow.Variables;

/** Service task "Cancel request" of the cancellation event sub-process. */
@Component("cancelRequest")
class CancelRequest implements JavaDelegate {

    private final RequestService requests;

    CancelRequest(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.cancelled(Variables.REQUEST_ID.get(execution), RequestVariables.CANCELLED_BY.get(execution));
    }
}
