package io.stackgate.approvals.inbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.stackgate.identity.Caller;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.RequestService.RequestFilter;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.ApprovalLevel;
import io.stackgate.tenancy.ApprovalPolicy;
import io.stackgate.tenancy.ProjectUsage;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaService;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import io.stackgate.web.PageRequest;
import org.springframework.stereotype.Service;

/**
 * What an approver needs to decide a task, in one answer: who asks and for what, what it costs against the tenant's
 * threshold, what it does to the project's quota, what the project asked before, and where the level stands.
 */
@Service
public class DecisionContexts {

    /** How many of the project's earlier requests are shown. */
    static final int EARLIER = 5;

    /** @param id the requester's subject (token {@code sub}); {@code name} their display name (username) */
    public record Requester(String id, String name) {
    }

    public record OrgUnitRef(String id, String path) {
    }

    /** @param overThreshold above the tenant's cost threshold: a request that needs platform-ops approval */
    public record Cost(BigDecimal monthly, String currency, BigDecimal threshold, boolean overThreshold) {
    }

    /**
     * The project's quota and what its reservations hold before this request (without it) and after (with it: the
     * request reserved its demand when it was submitted).
     */
    public record QuotaImpact(Quota quota, Quota demand, Quota usedBefore, Quota usedAfter, List<String> exceededAfter) {
    }

    public record EarlierRequest(String id, String type, String status, Instant submitted, String requester) {
    }

    /** @param sla how long the level may wait before it escalates; {@code due} when that is */
    public record LevelState(String level, Duration sla, Instant created, Instant due, boolean overdue,
            boolean escalated, String escalatedTo, String assignee) {
    }

    public record DecisionContext(String taskId, String requestId, String tenant, String project, String type,
            Requester requester, OrgUnitRef orgUnit, Object spec, List<String> hidden, String justification, Cost cost,
            QuotaImpact quota, List<EarlierRequest> earlierRequests, LevelState level) {
    }

    private final ApprovalInbox inbox;
    private final RequestService requests;
    private final QuotaService quotas;
    private final Tenants tenants;

    DecisionContexts(ApprovalInbox inbox, RequestService requests, QuotaService quotas, Tenants tenants) {
        this.inbox = inbox;
        this.requests = requests;
        this.quotas = quotas;
        this.tenants = tenants;
    }

    /** The context of an open task the caller may see (else "not found"). */
    public DecisionContext of(Caller caller, String taskId) {
        ApprovalInbox.InboxTask task = inbox.get(caller, taskId);
        ResourceRequest r = task.request();
        RequestService.SpecView spec = requests.specFor(caller, r);
        ApprovalPolicy policy = tenants.find(r.tenantId()).map(Tenant::approval).orElse(null);
        BigDecimal threshold = policy == null ? null : policy.costThreshold();
        Cost cost = new Cost(r.monthlyCost(), r.currency(), threshold,
                threshold != null && r.monthlyCost().compareTo(threshold) > 0);
        ApprovalLevel configured = policy == null ? null : policy.levels().get(task.level());
        Duration sla = configured == null ? null : configured.sla();
        LevelState level = new LevelState(task.level(), sla, task.created(), task.due(), task.overdue(),
                task.escalatedTo() != null, task.escalatedTo(), task.assignee());
        return new DecisionContext(task.id(), r.id(), r.tenantId(), r.projectId(), r.type().id(),
                new Requester(r.requesterId(), r.requester()),
                new OrgUnitRef(r.orgUnit(), tenants.orgUnitPath(r.tenantId(), r.orgUnit()).orElse(r.orgUnit())),
                spec.spec(), spec.hidden(), r.justification(), cost, quota(r), earlier(caller, r), level);
    }

    private QuotaImpact quota(ResourceRequest r) {
        ProjectUsage usage = quotas.usage(r.tenantId(), r.projectId());
        Quota demand = requests.demandOf(r);
        // a pending request's demand is reserved from submit on: usage holds it already
        Quota before = usage.used().minus(demand);
        return new QuotaImpact(usage.quota(), demand, before, usage.used(), usage.used().exceeding(usage.quota()));
    }

    private List<EarlierRequest> earlier(Caller caller, ResourceRequest r) {
        RequestFilter sameProject = new RequestFilter(r.tenantId(), r.projectId(), null, null, false, null);
        // newest first: a page big enough to hold the ones submitted after this request too
        return requests.list(caller, sameProject, new PageRequest(0, 4 * EARLIER)).items().stream()
                // (within one second, whichever id is smaller: request ids sort in the order they were made)
                .filter(other -> other.createdAt().isBefore(r.createdAt())
                        || other.createdAt().equals(r.createdAt()) && other.id().compareTo(r.id()) < 0)
                .limit(EARLIER)
                .map(other -> new EarlierRequest(other.id(), other.type().id(), other.status().name(),
                        other.createdAt(), other.requester()))
                .toList();
    }
}
