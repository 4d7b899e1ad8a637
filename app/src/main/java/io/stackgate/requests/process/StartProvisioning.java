package io.stackgate.requests.process;

import io.stackgate.requests.RequestService;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Start provisioning". */
@Component("startProvisioning")
public class StartProvisioning implements JavaDelegate {

    private final RequestService requests;

    public StartProvisioning(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Variables.REQUEST_ID.get(execution);
        requests.provisioningStarted(id);
    }
}
