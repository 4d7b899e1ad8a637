package io.stackgate.approvals.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.ApprovalLevel;
import io.stackgate.tenancy.Tenants;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Service task "Prepare approval level": who approves this level for this request, and by when. */
@Component("prepareApprovalLevel")
class PrepareApprovalLevel implements JavaDelegate {

    private final RequestService requests;
    private final Tenants tenants;
    private final Clock clock;

    PrepareApprovalLevel(RequestService requests, Tenants tenants, Clock clock) {
        this.clock = clock;
        this.requests = requests;
        this.tenants = tenants;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ResourceRequest request = requests.load(Variables.REQUEST_ID.get(execution));
        String level = ApprovalModel.LEVEL.get(execution);
        ApprovalLevel policy = tenants.find(request.tenantId())
                .map(t -> t.approval().levels().get(level))
                .orElseThrow(() -> new IllegalStateException("tenant " + request.tenantId() + " has no level " + level));
        Duration sla = policy.sla();
        ApprovalModel.CANDIDATE_GROUP.setLocal(execution, tenants.approverGroup(request.tenantId(), level, request.orgUnit()));
        execution.setVariableLocal("sla", sla.toString());
        execution.setVariableLocal("dueDate", Date.from(clock.instant().plus(sla)));
    }
}
