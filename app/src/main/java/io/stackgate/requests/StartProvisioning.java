package io.stackgate.requests;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import io.stackgate.workflow.Variables;

/** Service task "Start provisioning". */
@Component("startProvisioning")
class StartProvisioning implements JavaDelegate {

    private final RequestService requests;

    StartProvisioning(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Variables.REQUEST_ID.get(execution);
        requests.provisioningStarted(id);
    }
}
