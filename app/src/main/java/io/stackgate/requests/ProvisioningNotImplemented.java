package io.stackgate.requests;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Not implemented yet" of the provisioning processes that later work fills in: it fails,
 * so the request stays PROVISIONING with an incident operators see, never a fake success.
 */
@Component("provisioningNotImplemented")
class ProvisioningNotImplemented implements JavaDelegate {

    static class NotImplementedYet extends RuntimeException {
        NotImplementedYet(String message) {
            super(message);
        }
    }

    @Override
    public void execute(DelegateExecution execution) {
        String process = execution.getProcessDefinitionId().split(":")[0];
        throw new NotImplementedYet(process + " is not implemented yet");
    }
}
