package io.stackgate.requests.process;

import io.stackgate.requests.RequestService;
import io.stackgate.requests.RequestVariables;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Cancel request" of the cancellation event sub-process. */
@Component("cancelRequest")
public class CancelRequest implements JavaDelegate {

    private final RequestService requests;

    public CancelRequest(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.cancelled(Variables.REQUEST_ID.get(execution), RequestVariables.CANCELLED_BY.get(execution));
    }
}
