package io.stackgate.requests.process;

import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.QuotaService;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Release quota" of a decommission: what the decommissioned request held is free again (once). */
@Component("releaseDecommissionedQuota")
class ReleaseDecommissionedQuota implements JavaDelegate {

    private final RequestService requests;
    private final QuotaService quotas;

    ReleaseDecommissionedQuota(RequestService requests, QuotaService quotas) {
        this.requests = requests;
        this.quotas = quotas;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ResourceRequest decommission = requests.load(Variables.REQUEST_ID.get(execution));
        DecommissionSpec spec = (DecommissionSpec) decommission.spec();
        if (spec.node() != null) {
            return; // one node of a pool: its target lowered the pool's reservation to the nodes that remain
        }
        String target = spec.requestId();
        quotas.release(target);
        requests.completedResizesOf(target).forEach(quotas::release);
    }
}
