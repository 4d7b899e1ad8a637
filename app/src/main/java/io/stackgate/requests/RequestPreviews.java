package io.stackgate.requests;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.stackgate.identity.Caller;
import io.stackgate.requests.intake.CostEstimator;
import io.stackgate.requests.process.ApprovalChain;
import io.stackgate.tenancy.ApprovalLevel;
import io.stackgate.tenancy.ProjectUsage;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaService;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Previews a submission: the same checks as {@link RequestService#submit}, then the cost, the quota fit and the
 * tenant's approval chain, with no side effect (no request, no process instance, no reservation, no event).
 */
@Service
public class RequestPreviews {

    private final RequestIntake intake;
    private final CostEstimator costs;
    private final QuotaService quotas;
    private final ApprovalChain chain;
    private final Tenants tenants;

    RequestPreviews(RequestIntake intake, CostEstimator costs, QuotaService quotas, ApprovalChain chain, Tenants tenants) {
        this.intake = intake;
        this.costs = costs;
        this.quotas = quotas;
        this.chain = chain;
        this.tenants = tenants;
    }

    @Transactional(readOnly = true)
    public RequestPreview preview(Caller caller, SubmitRequest body) {
        RequestIntake.Accepted accepted = intake.accept(caller, body);
        Tenant tenant = accepted.tenant();
        String orgUnit = accepted.project().orgUnit();
        RequestPreview.QuotaFit fit = fit(tenant.id(), accepted.project().id(), accepted.demand());
        BigDecimal cost = costs.monthly(accepted.spec());
        List<String> levels = chain.levels(tenant.id(),
                ApprovalChain.inputs(tenant, accepted.type(), accepted.spec(), cost, !fit.fits(), orgUnit));
        List<RequestPreview.PlannedLevel> approval = levels.stream().map(level -> level(tenant, level, orgUnit)).toList();
        return new RequestPreview(tenant.id(), accepted.project().id(), orgUnit, accepted.type().id(), accepted.spec(),
                new RequestPreview.Money(cost, costs.currency()), fit, approval.isEmpty(), approval);
    }

    /** As {@link QuotaService#reserve} would judge the demand now, without reserving it. */
    private RequestPreview.QuotaFit fit(String tenantId, String projectId, Quota demand) {
        ProjectUsage project = quotas.usage(tenantId, projectId);
        ProjectUsage tenant = quotas.tenantUsage(tenantId);
        List<String> exceeded = new ArrayList<>();
        project.used().plus(demand).exceeding(project.quota()).forEach(d -> exceeded.add("project." + d));
        tenant.used().plus(demand).exceeding(tenant.quota()).forEach(d -> exceeded.add("tenant." + d));
        return new RequestPreview.QuotaFit(project.quota(), project.used(), demand,
                project.quota().minus(project.used()).minus(demand), tenant.quota(), tenant.used(),
                tenant.quota().minus(tenant.used()).minus(demand), exceeded.isEmpty(), exceeded);
    }

    private RequestPreview.PlannedLevel level(Tenant tenant, String level, String orgUnit) {
        ApprovalLevel policy = tenant.approval().levels().get(level);
        Duration sla = policy == null ? null : policy.sla();
        return new RequestPreview.PlannedLevel(level, tenants.approverGroup(tenant.id(), level, orgUnit),
                sla == null ? null : sla.toString(), sla == null ? 0 : sla.toHours());
    }
}
