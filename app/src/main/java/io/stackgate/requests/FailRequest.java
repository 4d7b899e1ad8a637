package io.stackgate.requests;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Fail request": provisioning gave up (after its own compensation); quota is freed. */
@Component("failRequest")
class FailRequest implements JavaDelegate {

    private final RequestService requests;

    FailRequest(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object cause = execution.getVariable("failureCause");
        requests.failed((String) execution.getVariable("requestId"),
                cause == null ? "provisioning failed" : cause.toString());
    }
}
