package io.stackgate.requests.process;

import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.requests.SpecCheck;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Gather approval inputs": hands the approval chain (the tenant's DMN) the facts it decides on: the
 * request's and the tenant's (small-VM thresholds, cost threshold, units whose node pools the tenant admin approves). The request was
 * validated at submit (its spec and every {@link SpecCheck}); nothing is checked here.
 */
@Component("gatherApprovalInputs")
class GatherApprovalInputs implements JavaDelegate {

    private final RequestService requests;
    private final Tenants tenants;

    GatherApprovalInputs(RequestService requests, Tenants tenants) {
        this.requests = requests;
        this.tenants = tenants;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ResourceRequest request = requests.load(Variables.REQUEST_ID.get(execution));
        Tenant tenant = tenants.find(request.tenantId())
                .orElseThrow(() -> new IllegalStateException("tenant " + request.tenantId() + " is no longer configured"));
        execution.setVariables(ApprovalChain.inputs(tenant, request.type(), request.spec(), request.monthlyCost(),
                request.overQuota(), request.orgUnit()));
    }
}
