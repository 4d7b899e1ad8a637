package io.stackgate.audit.log;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.stackgate.approvals.ApprovalEvents.ApprovalDecided;
import io.stackgate.approvals.ApprovalEvents.ApprovalEscalated;
import io.stackgate.approvals.ApprovalEvents.ApprovalTaskCreated;
import io.stackgate.approvals.ApprovalEvents.TaskClaimed;
import io.stackgate.approvals.ApprovalEvents.TaskDelegated;
import io.stackgate.approvals.ApprovalEvents.TaskReassigned;
import io.stackgate.approvals.ApprovalEvents.TaskReleased;
import io.stackgate.audit.log.EngineAccess.CockpitLogin;
import io.stackgate.audit.log.EngineAccess.EngineApiWrite;
import io.stackgate.compute.CapacityReleased;
import io.stackgate.compute.CapacityReserved;
import io.stackgate.compute.ComputeEvents.VmActionTaken;
import io.stackgate.compute.ComputeEvents.VmDecommissioned;
import io.stackgate.compute.ComputeEvents.VmFailed;
import io.stackgate.compute.ComputeEvents.VmProvisioned;
import io.stackgate.compute.ComputeEvents.VmResized;
import io.stackgate.compute.ComputeEvents.VmStepDone;
import io.stackgate.compute.ComputeEvents.VmWaitingForCapacity;
import io.stackgate.compute.LeaseKeeper.LeaseExpired;
import io.stackgate.compute.LeaseKeeper.LeaseExtended;
import io.stackgate.compute.LeaseKeeper.LeaseRenewalDue;
import io.stackgate.compute.ReconciliationEvents.FindingOpened;
import io.stackgate.compute.ReconciliationEvents.FindingResolved;
import io.stackgate.compute.ReconciliationEvents.VmStateCorrected;
import io.stackgate.identity.DirectorySynced;
import io.stackgate.identity.TenantGroupsChanged;
import io.stackgate.kubernetes.NamespaceEvents.NamespaceCorrected;
import io.stackgate.kubernetes.NamespaceEvents.NamespaceDeleted;
import io.stackgate.kubernetes.NamespaceEvents.NamespaceShareRaised;
import io.stackgate.kubernetes.NamespaceEvents.NamespaceStepDone;
import io.stackgate.kubernetes.NodeEvents.NodeFailed;
import io.stackgate.kubernetes.NodeEvents.NodeJoined;
import io.stackgate.kubernetes.NodeEvents.NodeRemoved;
import io.stackgate.kubernetes.NodeEvents.NodeStepDone;
import io.stackgate.requests.RequestEvents.IncidentHandled;
import io.stackgate.requests.RequestEvents.RequestStatusChanged;
import io.stackgate.requests.RequestEvents.RequestSubmitted;
import io.stackgate.requests.RequestEvents.RequesterNotified;
import io.stackgate.tenancy.QuotaRaised;
import io.stackgate.tenancy.QuotaReleased;
import io.stackgate.tenancy.QuotaReserved;
import io.stackgate.tenancy.TenantsConfigReloaded;
import io.stackgate.web.AccessRefused;

/**
 * Which domain events the audit log records, and how each reads as a row: its action, tenant, subject and the request
 * behind it, and who acted when the event itself names them. One line per event type; an event type the platform
 * publishes is either here or in {@link #NOT_RECORDED} with the reason (the catalogue test checks both).
 */
public final class AuditedEvents {

    /**
     * How one event reads as a row.
     *
     * @param tenant   null when the event names none: taken from the request's earlier rows, or platform-wide
     * @param actor    the username the event names as who acted, when it does (the signed-in caller wins)
     */
    public record Described(String action, String tenant, String subjectKind, String subjectId, String requestId,
            String actor) {
    }

    /** Published, deliberately not recorded: what they tell is recorded by another event. */
    public static final Map<Class<?>, String> NOT_RECORDED = Map.of(
            TenantGroupsChanged.class, "an internal signal after a tenants-config reload, which is recorded itself");

    private static final Map<Class<?>, Function<Object, Described>> CATALOGUE = new LinkedHashMap<>();

    static {
        // requests
        on(RequestSubmitted.class, e -> request("request.submitted", e.tenantId(), e.requestId(), e.requester()));
        on(RequestStatusChanged.class, e -> request("request." + word(e.status().name()), e.tenantId(), e.requestId(),
                e.actor()));
        on(RequesterNotified.class, e -> request("request.requester-notified", null, e.requestId(), null));
        // approvals
        on(ApprovalDecided.class, e -> request("approval." + word(e.decision()), e.tenantId(), e.requestId(),
                e.decidedBy()));
        on(ApprovalTaskCreated.class, e -> request("approval.requested", e.tenantId(), e.requestId(), null));
        on(TaskClaimed.class, e -> request("approval.claimed", e.tenantId(), e.requestId(), e.by()));
        on(TaskDelegated.class, e -> request("approval.delegated", e.tenantId(), e.requestId(), e.from()));
        on(TaskReleased.class, e -> request("approval.released", e.tenantId(), e.requestId(), e.by()));
        on(TaskReassigned.class, e -> request("approval.reassigned", e.tenantId(), e.requestId(), e.by()));
        on(ApprovalEscalated.class, e -> request("approval.escalated", e.tenantId(), e.requestId(), null));
        // quota
        on(QuotaReserved.class, e -> new Described("quota.reserved", e.tenantId(), "project", e.projectId(),
                e.requestId(), null));
        on(QuotaReleased.class, e -> new Described("quota.released", e.tenantId(), "project", e.projectId(),
                e.requestId(), null));
        on(QuotaRaised.class, e -> new Described("quota.raised", e.tenantId(), "project", e.projectId(),
                e.requestId(), null));
        // compute
        on(CapacityReserved.class, e -> new Described("host.capacity-reserved", null, "host", e.host(), e.requestId(),
                null));
        on(CapacityReleased.class, e -> request("host.capacity-released", null, e.requestId(), null));
        on(VmStepDone.class, e -> vm(e.compensated() ? "vm.step-compensated" : "vm.step-done", e.tenantId(),
                e.requestId(), e.vmIndex(), null));
        on(VmWaitingForCapacity.class, e -> vm("vm.waiting-for-capacity", e.tenantId(), e.requestId(), e.vmIndex(),
                null));
        on(VmProvisioned.class, e -> new Described("vm.provisioned", e.tenantId(), "vm", e.domain(), e.requestId(),
                null));
        on(VmFailed.class, e -> vm("vm.failed", e.tenantId(), e.requestId(), e.vmIndex(), null));
        on(VmDecommissioned.class, e -> vm("vm.decommissioned", e.tenantId(), e.requestId(), e.vmIndex(), null));
        on(VmActionTaken.class, e -> vm("vm." + word(e.action()), e.tenantId(), e.requestId(), e.vmIndex(), e.by()));
        on(VmResized.class, e -> vm("vm.resized", e.tenantId(), e.requestId(), e.vmIndex(), null));
        on(LeaseExtended.class, e -> vm("vm.lease-extended", e.tenantId(), e.requestId(), e.vmIndex(), null));
        on(LeaseRenewalDue.class, e -> new Described("vm.lease-renewal-due", e.tenantId(), "vm", e.domain(),
                e.requestId(), null));
        on(LeaseExpired.class, e -> new Described("vm.lease-expired", e.tenantId(), "vm", e.domain(), e.requestId(),
                null));
        on(FindingOpened.class, e -> new Described("reconciliation.finding-opened", e.tenantId(), "host", e.host(),
                e.requestId(), null));
        on(FindingResolved.class, e -> new Described("reconciliation.finding-resolved", null, "host", e.host(), null,
                e.by()));
        on(VmStateCorrected.class, e -> new Described("vm.state-corrected", e.tenantId(), "vm", e.domain(),
                e.requestId(), null));
        // kubernetes
        on(NamespaceStepDone.class, e -> new Described(e.compensated() ? "namespace.step-compensated"
                : "namespace.step-done", e.tenantId(), "namespace", e.cluster() + "/" + e.namespace(), e.requestId(), null));
        on(NamespaceDeleted.class, e -> new Described("namespace.deleted", e.tenantId(), "namespace",
                e.cluster() + "/" + e.namespace(), e.requestId(), null));
        on(NamespaceShareRaised.class, e -> new Described("namespace.share-raised", e.tenantId(), "namespace",
                e.cluster() + "/" + e.namespace(), e.namespaceRequestId(), null));
        on(NamespaceCorrected.class, e -> new Described("namespace.corrected", e.tenantId(), "namespace",
                e.cluster() + "/" + e.namespace(), null, null));
        on(NodeStepDone.class, e -> new Described(e.compensated() ? "node.step-compensated" : "node.step-done",
                e.tenantId(), "node", node(e.cluster(), e.node(), e.requestId(), e.nodeIndex()), e.requestId(), null));
        on(NodeJoined.class, e -> new Described("node.joined", e.tenantId(), "node", node(e.cluster(), e.node(),
                e.requestId(), e.nodeIndex()), e.requestId(), null));
        on(NodeFailed.class, e -> new Described("node.failed", e.tenantId(), "node", node(e.cluster(), e.node(),
                e.requestId(), e.nodeIndex()), e.requestId(), null));
        on(NodeRemoved.class, e -> new Described("node.removed", e.tenantId(), "node", node(e.cluster(), e.node(),
                e.requestId(), e.nodeIndex()), e.requestId(), null));
        // platform
        on(TenantsConfigReloaded.class, e -> new Described("config.reloaded", null, "config", "tenants-config", null,
                null));
        on(DirectorySynced.class, e -> new Described("directory.synced", null, "directory", "keycloak", null, null));
        on(IncidentHandled.class, e -> new Described("incident." + word(e.action()), e.tenantId(), "incident",
                e.incidentId(), null, e.by()));
        on(CockpitLogin.class, e -> new Described("session.cockpit-login", null, "endpoint", "cockpit", null,
                e.username()));
        on(EngineApiWrite.class, e -> new Described("engine.write", null, "endpoint", e.method() + " " + e.path(), null,
                null));
        on(AccessRefused.class, e -> new Described("access.refused", null, "endpoint", e.method() + " " + e.path(), null,
                e.callerName()));
    }

    private AuditedEvents() {
    }

    /** The row an event reads as, or empty for an event the audit log does not record. */
    public static Optional<Described> describe(Object event) {
        Function<Object, Described> describer = CATALOGUE.get(event.getClass());
        return describer == null ? Optional.empty() : Optional.of(describer.apply(event));
    }

    public static Set<Class<?>> recorded() {
        return CATALOGUE.keySet();
    }

    @SuppressWarnings("unchecked")
    private static <E> void on(Class<E> type, Function<E, Described> describer) {
        CATALOGUE.put(type, event -> describer.apply((E) event));
    }

    private static Described request(String action, String tenant, String requestId, String actor) {
        return new Described(action, tenant, "request", requestId, requestId, actor);
    }

    /** A VM before it has a domain name: its request and its place in it. */
    private static Described vm(String action, String tenant, String requestId, int vmIndex, String actor) {
        return new Described(action, tenant, "vm", requestId + "/" + vmIndex, requestId, actor);
    }

    private static String node(String cluster, String node, String requestId, int index) {
        return cluster + "/" + (node != null ? node : requestId + "/" + index);
    }

    /** {@code PENDING_APPROVAL} → {@code pending-approval}. */
    private static String word(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
