package io.stackgate.requests;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.stackgate.identity.Caller;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.RequestEvents.RequestStatusChanged;
import io.stackgate.requests.RequestEvents.RequestSubmitted;
import io.stackgate.tenancy.OrgUnitMembership;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.QuotaReservation;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaService;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import io.stackgate.web.Conflict;
import io.stackgate.web.Forbidden;
import io.stackgate.web.InvalidInput;
import io.stackgate.web.NotFound;

/**
 * Submits, lists and cancels requests, and moves them through their states as the request process
 * runs. Quota is reserved at submit and released when a request is rejected, cancelled or fails.
 */
@Service
public class RequestService {

    public static final String PROCESS_KEY = "resource-request";
    public static final String CANCEL_MESSAGE = "cancel-request";

    private final RequestRepository repository;
    private final SpecReader specs;
    private final CostEstimator costs;
    private final Tenants tenants;
    private final QuotaService quotas;
    private final RuntimeService runtime;
    private final EngineAuthentication engine;
    private final ApplicationEventPublisher events;
    private final List<SpecCheck> checks;
    private final ResourceSizes sizes;

    RequestService(RequestRepository repository, SpecReader specs, CostEstimator costs, Tenants tenants,
            QuotaService quotas, RuntimeService runtime, EngineAuthentication engine, ApplicationEventPublisher events,
            List<SpecCheck> checks, ResourceSizes sizes) {
        this.repository = repository;
        this.specs = specs;
        this.costs = costs;
        this.tenants = tenants;
        this.quotas = quotas;
        this.runtime = runtime;
        this.engine = engine;
        this.events = events;
        this.checks = List.copyOf(checks);
        this.sizes = sizes;
    }

    /** Validates, reserves quota and starts the request's process, all in one transaction. */
    @Transactional
    public ResourceRequest submit(Caller caller, SubmitRequest body) {
        Tenant tenant = tenants.find(body.tenant()).filter(t -> caller.canSee(t.id()))
                .orElseThrow(() -> new NotFound("tenant", body.tenant()));
        if (caller.isAuditor()) {
            throw new Forbidden("auditors read; they do not submit requests");
        }
        Project project = tenant.project(body.project())
                .orElseThrow(() -> new InvalidInput("project", "no project " + body.project() + " in tenant " + tenant.id()));
        if (!project.roleOf(caller.groups()).map(role -> role.maySubmit()).orElse(false)) {
            throw new Forbidden("only owners and members of project " + project.id() + " may submit requests into it");
        }
        RequestType type = specs.type(body.type());
        RequestSpec spec = withDefaults(specs.read(type, body.spec()));
        // the target first: what the other checks say of it must not tell of another project's requests
        if (spec instanceof DecommissionSpec decommission) {
            checkDecommissionTarget(tenant.id(), project.id(), decommission);
        }
        if (spec instanceof LeaseRenewalSpec renewal) {
            checkVmTarget(tenant.id(), project.id(), renewal.requestId(), "renewed");
        }
        if (spec instanceof VmResizeSpec resize) {
            checkVmTarget(tenant.id(), project.id(), resize.requestId(), "resized");
        }
        checks.forEach(check -> check.check(tenant.id(), project.id(), spec));
        Quota demand = spec.demand();
        if (spec instanceof VmResizeSpec resize) {
            demand = growth(sizes.currentOf(resize.requestId()), resize);
        }
        String id = UUID.randomUUID().toString();
        QuotaReservation reservation = quotas.reserve(tenant.id(), project.id(), id, demand);
        String orgUnit = OrgUnitMembership.orgUnitOf(tenant, caller.groups()).orElse(project.orgUnit());
        BigDecimal cost = costs.monthly(spec);
        Instant now = Instant.now();
        ResourceRequest request = new ResourceRequest(id, tenant.id(), project.id(), orgUnit, type, spec,
                body.justification(), caller.username(), RequestStatus.SUBMITTED, cost, costs.currency(),
                reservation.overQuota(), null, null, now, now);
        repository.insert(request);
        events.publishEvent(new RequestSubmitted(id, tenant.id(), project.id(), type.id(), caller.username(), cost,
                reservation.overQuota(), now));
        ProcessInstance instance = engine.as(caller, () -> runtime.createProcessInstanceByKey(PROCESS_KEY)
                .processDefinitionTenantId(tenant.id())
                .businessKey(id)
                .setVariables(Map.of("requestId", id, "requester", caller.username()))
                .execute());
        repository.attachProcess(id, instance.getId());
        return load(id);
    }

    private RequestSpec withDefaults(RequestSpec read) {
        RequestSpec spec = read;
        for (SpecCheck check : checks) {
            spec = check.withDefaults(spec);
        }
        return spec;
    }

    private void checkDecommissionTarget(String tenantId, String projectId, DecommissionSpec spec) {
        ResourceRequest target = repository.find(spec.requestId())
                .filter(r -> r.tenantId().equals(tenantId) && r.projectId().equals(projectId))
                .orElseThrow(() -> new InvalidInput("spec.requestId", "no request " + spec.requestId() + " in this project"));
        if (target.status() != RequestStatus.COMPLETED || !Set.of(RequestType.VM, RequestType.K8S_NODES,
                RequestType.NAMESPACE).contains(target.type())) {
            throw new InvalidInput("spec.requestId", "only a completed vm, k8s-nodes or namespace request can be decommissioned");
        }
        if (spec.node() != null && target.type() != RequestType.K8S_NODES) {
            throw new InvalidInput("spec.node", "only a k8s-nodes request has nodes to decommission one by one");
        }
    }

    private void checkVmTarget(String tenantId, String projectId, String targetId, String what) {
        ResourceRequest target = repository.find(targetId)
                .filter(r -> r.tenantId().equals(tenantId) && r.projectId().equals(projectId))
                .orElseThrow(() -> new InvalidInput("spec.requestId", "no request " + targetId + " in this project"));
        if (target.status() != RequestStatus.COMPLETED || target.type() != RequestType.VM) {
            throw new InvalidInput("spec.requestId", "only the VMs of a completed vm request can be " + what);
        }
    }

    /** What a resize adds to the quota: the growth of vCPUs and memory over the VMs' current size, never less than 0. */
    private static Quota growth(Quota current, VmResizeSpec resize) {
        int vms = Math.max(current.vms(), 1);
        return new Quota(Math.max(0, resize.vcpus() * vms - current.vcpus()),
                Math.max(0, resize.memoryMiB() * vms - current.memoryMiB()), 0, 0, 0, 0);
    }

    /** The resize requests that grew a VM request, completed ones: their quota goes when the VMs go. */
    public List<String> completedResizesOf(String vmRequestId) {
        return repository.ofType(RequestType.VM_RESIZE).stream()
                .filter(r -> r.status() == RequestStatus.COMPLETED && ((VmResizeSpec) r.spec()).requestId().equals(vmRequestId))
                .map(ResourceRequest::id).toList();
    }

    /** Requests of the caller's tenants, newest first. */
    public List<ResourceRequest> list(Caller caller, String tenant, RequestStatus status, boolean mine) {
        if (tenant != null && !caller.canSee(tenant)) {
            return List.of();
        }
        return repository.search(caller.tenants(), tenant, status, mine ? caller.username() : null, 500);
    }

    /** The request if the caller may see it; another tenant's request is "not found". */
    public ResourceRequest get(Caller caller, String id) {
        return repository.find(id).filter(r -> caller.canSee(r.tenantId()))
                .orElseThrow(() -> new NotFound("request", id));
    }

    /** The requester or a tenant admin cancels a request that has not started provisioning. */
    @Transactional
    public ResourceRequest cancel(Caller caller, String id) {
        ResourceRequest request = get(caller, id);
        if (caller.isAuditor() || !request.requester().equals(caller.username()) && !caller.administers(request.tenantId())) {
            throw new Forbidden("only the requester or a tenant admin may cancel this request");
        }
        if (!request.status().isCancellable()) {
            throw new Conflict("a request in status " + request.status() + " can no longer be cancelled");
        }
        engine.run(caller, () -> runtime.createMessageCorrelation(CANCEL_MESSAGE)
                .processInstanceId(request.processInstanceId())
                .setVariable("cancelledBy", caller.username())
                .correlateWithResult());
        return load(id);
    }

    // --- transitions driven by the request process (its delegates) ---

    /** The request as stored, for the process's delegates (no caller: the engine acts for the platform). */
    public ResourceRequest load(String id) {
        return repository.find(id).orElseThrow(() -> new NotFound("request", id));
    }

    @Transactional
    public void awaitApproval(String id) {
        move(id, EnumSet.of(RequestStatus.SUBMITTED), RequestStatus.PENDING_APPROVAL, "system", null);
    }

    @Transactional
    public void approved(String id) {
        move(id, EnumSet.of(RequestStatus.SUBMITTED, RequestStatus.PENDING_APPROVAL), RequestStatus.APPROVED, "system", null);
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

    @Transactional
    public void cancelled(String id, String by) {
        if (move(id, EnumSet.of(RequestStatus.SUBMITTED, RequestStatus.PENDING_APPROVAL, RequestStatus.APPROVED),
                RequestStatus.CANCELLED, by, "cancelled by " + by)) {
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
                    Instant.now()));
        }
        return moved;
    }
}
