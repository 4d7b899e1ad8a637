package io.stackgate.requests.process;

import io.stackgate.requests.RequestService;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Fail request": provisioning gave up (after its own compensation); quota is freed. */
@Component("failRequest")
public class FailRequest implements JavaDelegate {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FailRequest.class);

    private final RequestService requests;

    public FailRequest(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object cause = Variables.FAILURE_CAUSE.get(execution);
        String requestId = Variables.REQUEST_ID.get(execution);
        String text = cause == null ? "provisioning failed" : cause.toString();
        log.warn("request {} failed: {}", requestId, text);
        requests.failed(requestId, text);
    }
}
