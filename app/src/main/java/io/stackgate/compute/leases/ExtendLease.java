package io.stackgate.compute.leases;

import io.stackgate.compute.LeaseKeeper;
import io.stackgate.requests.LeaseRenewalSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Extend lease" of renew-lease. */
@Component("extendLease")
class ExtendLease implements JavaDelegate {

    private final RequestService requests;
    private final LeaseKeeper leases;

    ExtendLease(RequestService requests, LeaseKeeper leases) {
        this.requests = requests;
        this.leases = leases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestId = Variables.REQUEST_ID.get(execution);
        LeaseRenewalSpec spec = (LeaseRenewalSpec) requests.load(requestId).spec();
        leases.extend(spec.requestId(), spec.days(), requestId);
    }
}
