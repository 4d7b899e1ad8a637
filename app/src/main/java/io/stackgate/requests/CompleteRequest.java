package io.stackgate.requests;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.stackgate.workflow.Variables;

/** Service task "Complete request". */
@Component("completeRequest")
class CompleteRequest implements JavaDelegate {

    private final RequestService requests;

    CompleteRequest(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Variables.REQUEST_ID.get(execution);
        requests.completed(id);
    }
}
