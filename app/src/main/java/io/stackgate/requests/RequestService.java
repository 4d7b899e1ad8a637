package io.stackgate.requests;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stackgate.identity.Caller;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.RequestEvents.RequestStatusChanged;
import io.stackgate.requests.RequestEvents.RequestSubmitted;
import io.stackgate.requests.intake.CostEstimator;
import io.stackgate.requests.persistence.RequestRepository;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.ProjectRole;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaReservation;
import io.stackgate.tenancy.QuotaService;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submits, lists and cancels requests, and moves them through their states as the request process
 * runs. Quota is reserved at submit and released when a request is rejected, cancelled or fails.
 */
@Service
public class RequestService {

    public static final String PROCESS_KEY = "resource-request";
    public static final String CANCEL_MESSAGE = "cancel-request";

    private final RequestRepository repository;
    private final RequestIntake intake;
    private final CostEstimator costs;
    private final Tenants tenants;
    private final QuotaService quotas;
    private final RuntimeService runtime;
    private final EngineAuthentication engine;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RequestIds ids = new RequestIds();

    RequestService(RequestRepository repository, RequestIntake intake, CostEstimator costs, Tenants tenants,
            QuotaService quotas, RuntimeService runtime, EngineAuthentication engine, ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.intake = intake;
        this.costs = costs;
        this.tenants = tenants;
        this.quotas = quotas;
        this.runtime = runtime;
        this.engine = engine;
        this.events = events;
        this.clock = clock;
    }

    /** Validates, reserves quota and starts the request's process, all in one transaction. */
    @Transactional
    public ResourceRequest submit(Caller caller, SubmitRequest body) {
        RequestIntake.Accepted accepted = intake.accept(caller, body);
        Tenant tenant = accepted.tenant();
        Project project = accepted.project();
        RequestType type = accepted.type();
        RequestSpec spec = accepted.spec();
        Quota demand = accepted.demand();
        String id = ids.next(clock.instant());
        QuotaReservation reservation = quotas.reserve(tenant.id(), project.id(), id, demand);
        // the project's org unit picks the approvers: declared, the same whoever submits (not one of the requester's groups)
        String orgUnit = project.orgUnit();
        BigDecimal cost = costs.monthly(spec);
        Instant now = clock.instant();
        ResourceRequest request = new ResourceRequest(id, tenant.id(), project.id(), orgUnit, type, spec,
                body.justification(), caller.username(), caller.id(), RequestStatus.SUBMITTED, cost, costs.currency(),
                reservation.overQuota(), null, null, now, now);
        repository.insert(request);
        events.publishEvent(new RequestSubmitted(id, tenant.id(), project.id(), type.id(), caller.username(), cost,
                reservation.overQuota(), now));
        ProcessInstance instance = engine.as(caller, () -> runtime.createProcessInstanceByKey(PROCESS_KEY)
                .processDefinitionTenantId(tenant.id())
                .businessKey(id)
                .setVariables(Map.of(Variables.REQUEST_ID.name(), id, RequestVariables.REQUESTER.name(), caller.username()))
                .execute());
        repository.attachProcess(id, instance.getId());
        return load(id);
    }

    /** What the request holds of its project's quota while it waits (reserved at submit): its demand. */
    public Quota demandOf(ResourceRequest request) {
        return intake.demandOf(request.spec());
    }

    /** The resize requests that grew a VM request, completed ones: their quota goes when the VMs go. */
    public List<String> completedResizesOf(String vmRequestId) {
        return repository.ofType(RequestType.VM_RESIZE).stream()
                .filter(r -> r.status() == RequestStatus.COMPLETED && ((VmResizeSpec) r.spec()).requestId().equals(vmRequestId))
                .map(ResourceRequest::id).toList();
    }

    /** Requests of the caller's tenants, newest first, one page of them. */
    public Page<ResourceRequest> list(Caller caller, RequestFilter filter, PageRequest page) {
        if (filter.tenant() != null && !caller.canSee(filter.tenant())) {
            return Page.of(List.of(), page, 0);
        }
        RequestRepository.Search search = new RequestRepository.Search(caller.tenants(), filter.tenant(),
                filter.project(), filter.type(), filter.status(), filter.mine() ? caller.id() : null, filter.text());
        return Page.of(repository.search(search, page), page, repository.count(search));
    }

    /**
     * How a request list is narrowed (null: not narrowed).
     *
     * @param text a request id or its beginning, or words of the justification
     */
    public record RequestFilter(String tenant, String project, RequestType type, RequestStatus status, boolean mine,
            String text) {
    }

    /** These requests by id (those that exist), in one query: for lists that show the requests they refer to. */
    public Map<String, ResourceRequest> loadAll(Collection<String> ids) {
        return repository.findAll(ids);
    }

    /**
     * The spec as this caller may read it: whole for the requester, the project's owners, the tenant's admins and
     * platform operators; without cloud-init user data and SSH keys for everyone else (approvers, members, auditors).
     *
     * @param hidden the JSON paths left out
     */
    public record SpecView(RequestSpec spec, List<String> hidden) {
    }

    public SpecView specFor(Caller caller, ResourceRequest request) {
        if (maySeeSecrets(caller, request)) {
            return new SpecView(request.spec(), List.of());
        }
        return new SpecView(request.spec().withoutSecrets(), request.spec().secretFields());
    }

    private boolean maySeeSecrets(Caller caller, ResourceRequest request) {
        if (caller.id().equals(request.requesterId()) || caller.isPlatformWide() || caller.administers(request.tenantId())) {
            return true;
        }
        return !caller.isAuditor() && tenants.find(request.tenantId()).flatMap(t -> t.project(request.projectId()))
                .flatMap(project -> project.roleOf(caller.groups())).map(role -> role == ProjectRole.OWNER).orElse(false);
    }

    /** The request if the caller may see it; another tenant's request is "not found". */
    public ResourceRequest get(Caller caller, String id) {
        return repository.find(id).filter(r -> caller.canSee(r.tenantId()))
                .orElseThrow(() -> new RequestNotFound("request " + id + " not found"));
    }

    /**
     * The requester or a tenant admin cancels a request that is still waiting for approval. The status moves first,
     * compare-and-set on the request's row: a cancel that meets the last approval either wins (the approval then finds
     * the request no longer pending and is refused) or loses (409: provisioning has begun and is never interrupted).
     */
    @Transactional
    public ResourceRequest cancel(Caller caller, String id) {
        ResourceRequest request = get(caller, id);
        if (caller.isAuditor() || !request.requesterId().equals(caller.id()) && !caller.administers(request.tenantId())) {
            throw new MayNotCancel("only the requester or a tenant admin may cancel this request");
        }
        if (!request.status().isCancellable()
                || !move(id, RequestStatus.CANCELLABLE, RequestStatus.CANCELLED, caller.username(),
                        "cancelled by " + caller.username())) {
            throw new RequestNotInState("a request in status " + load(id).status() + " can no longer be cancelled");
        }
        quotas.release(id);
        engine.run(caller, () -> runtime.createMessageCorrelation(CANCEL_MESSAGE)
                .processInstanceId(request.processInstanceId())
                .setVariable(RequestVariables.CANCELLED_BY.name(), caller.username())
                .correlateWithResult());
        return load(id);
    }

    // --- transitions driven by the request process (its delegates) ---

    /** The request as stored, for the process's delegates (no caller: the engine acts for the platform). */
    public ResourceRequest load(String id) {
        return repository.find(id).orElseThrow(() -> new RequestNotFound("request " + id + " not found"));
    }

    /**
     * Locks the request's row for the rest of the transaction and insists that it still waits for approval: every
     * approval action takes this lock first, as a cancel does, so they queue up instead of crossing each other.
     */
    @Transactional
    public void lockPending(String id) {
        RequestStatus status = repository.lockStatus(id).orElseThrow(() -> new RequestNotFound("request " + id + " not found"));
        if (status != RequestStatus.PENDING_APPROVAL) {
            throw new RequestNotInState("request " + id + " is " + status + ": nothing is left to decide");
        }
    }

    @Transactional
    public void awaitApproval(String id) {
        move(id, EnumSet.of(RequestStatus.SUBMITTED), RequestStatus.PENDING_APPROVAL, "system", null);
    }

    /**
     * The approval chain said yes. Refused when the request is no longer pending (cancelled at the same moment): the
     * approval's transaction rolls back and nothing is provisioned.
     */
    @Transactional
    public void approved(String id) {
        if (!move(id, EnumSet.of(RequestStatus.SUBMITTED, RequestStatus.PENDING_APPROVAL), RequestStatus.APPROVED,
                "system", null)) {
            throw new RequestNotInState("request " + id + " is " + load(id).status() + ", no longer waiting for approval");
        }
    }

    @Transactional
    public void provisioningStarted(String id) {
        move(id, EnumSet.of(RequestStatus.APPROVED), RequestStatus.PROVISIONING, "system", null);
    }

    @Transactional
    public void completed(String id) {
        move(id, EnumSet.of(RequestStatus.PROVISIONING), RequestStatus.COMPLETED, "system", null);
    }

    @Transactional
    public void rejected(String id, String by, String reason) {
        if (move(id, EnumSet.of(RequestStatus.SUBMITTED, RequestStatus.PENDING_APPROVAL), RequestStatus.REJECTED, by, reason)) {
            quotas.release(id);
        }
    }

    /** The cancellation reached the process (the status moved when it was asked for): its quota is certainly free. */
    @Transactional
    public void cancelled(String id, String by) {
        move(id, RequestStatus.CANCELLABLE, RequestStatus.CANCELLED, by, "cancelled by " + by);
        if (load(id).status() == RequestStatus.CANCELLED) {
            quotas.release(id);
        }
    }

    @Transactional
    public void failed(String id, String cause) {
        if (move(id, EnumSet.of(RequestStatus.APPROVED, RequestStatus.PROVISIONING), RequestStatus.FAILED, "system", cause)) {
            quotas.release(id);
        }
    }

    private boolean move(String id, Set<RequestStatus> from, RequestStatus to, String actor, String reason) {
        ResourceRequest request = load(id);
        boolean moved = repository.transition(id, from, to, reason);
        if (moved) {
            events.publishEvent(new RequestStatusChanged(id, request.tenantId(), request.projectId(), to, actor, reason,
                    clock.instant()));
        }
        return moved;
    }
}
