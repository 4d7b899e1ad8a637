package io.stackgate.requests.process;

import io.stackgate.requests.QuotaChangeSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.QuotaService;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Apply quota change": raises the project's quota by the approved amounts (once per request). */
@Component("applyQuotaChange")
class ApplyQuotaChange implements JavaDelegate {

    private final RequestService requests;
    private final QuotaService quotas;

    ApplyQuotaChange(RequestService requests, QuotaService quotas) {
        this.requests = requests;
        this.quotas = quotas;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ResourceRequest request = requests.load(Variables.REQUEST_ID.get(execution));
        QuotaChangeSpec change = (QuotaChangeSpec) request.spec();
        quotas.raise(request.tenantId(), request.projectId(), request.id(), change.amount());
    }
}
