package io.stackgate.audit.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import io.stackgate.compute.ComputeEvents.VmDecommissioned;
import io.stackgate.compute.ComputeEvents.VmProvisioned;
import io.stackgate.kubernetes.NamespaceEvents.NamespaceDeleted;
import io.stackgate.kubernetes.NamespaceEvents.NamespaceStepDone;
import io.stackgate.kubernetes.NodeEvents.NodeJoined;
import io.stackgate.kubernetes.NodeEvents.NodeRemoved;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaRaised;
import io.stackgate.tenancy.QuotaReleased;
import io.stackgate.tenancy.QuotaReserved;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the reports' read model of what runs (VMs, nodes, namespaces, each from the moment it ran until it was
 * removed) and of every change of a project's quota use and limit, from the compute, Kubernetes and quota events, in
 * the transaction that publishes them. When a request's last resource goes, its showback ends.
 */
@Component
class ResourceFeed {

    static final String VM = "vm";
    static final String NODE = "node";
    static final String NAMESPACE = "namespace";

    private final JdbcClient jdbc;
    private final Clock clock;

    ResourceFeed(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(VmProvisioned event) {
        started(VM, event.requestId(), event.vmIndex(), event.tenantId(), event.projectId(), event.domain(),
                event.host(), event.arch() == null ? null : event.arch().name(), event.at());
    }

    @EventListener
    void on(VmDecommissioned event) {
        ended(VM, event.requestId(), event.vmIndex(), event.at());
    }

    @EventListener
    void on(NodeJoined event) {
        started(NODE, event.requestId(), event.nodeIndex(), event.tenantId(), event.projectId(), event.node(),
                event.cluster(), null, event.at());
    }

    @EventListener
    void on(NodeRemoved event) {
        ended(NODE, event.requestId(), event.nodeIndex(), event.at());
    }

    /** A namespace exists from its first step; its project is its request's. */
    @EventListener
    void on(NamespaceStepDone event) {
        if (event.compensated()) {
            ended(NAMESPACE, event.requestId(), 0, event.at());
            return;
        }
        String project = jdbc.sql("select project_id from report_request where request_id = :id")
                .param("id", event.requestId()).query(String.class).optional().orElse("");
        started(NAMESPACE, event.requestId(), 0, event.tenantId(), project, event.namespace(), event.cluster(), null,
                event.at());
    }

    @EventListener
    void on(NamespaceDeleted event) {
        ended(NAMESPACE, event.requestId(), 0, event.at());
    }

    @EventListener
    void on(QuotaReserved event) {
        quotaChange(event.tenantId(), event.projectId(), event.requestId(), "RESERVED", event.demand());
    }

    @EventListener
    void on(QuotaReleased event) {
        quotaChange(event.tenantId(), event.projectId(), event.requestId(), "RELEASED", negative(event.amount()));
    }

    @EventListener
    void on(QuotaRaised event) {
        quotaChange(event.tenantId(), event.projectId(), event.requestId(), "RAISED", event.amount());
    }

    private void started(String kind, String requestId, int index, String tenant, String project, String name,
            String location, String arch, Instant at) {
        jdbc.sql("""
                insert into report_resource (kind, request_id, item_index, tenant_id, project_id, name, location, arch,
                    since_at)
                select :kind, :id, :index, :tenant, :project, :name, :location, :arch, :at from (select 1 as one) one
                where not exists (select 1 from report_resource
                    where kind = :kind and request_id = :id and item_index = :index)""")
                .param("kind", kind).param("id", requestId).param("index", index).param("tenant", tenant)
                .param("project", project).param("name", name).param("location", location).param("arch", arch)
                .param("at", Timestamp.from(at))
                .update();
    }

    private void ended(String kind, String requestId, int index, Instant at) {
        Timestamp until = Timestamp.from(at);
        jdbc.sql("""
                update report_resource set until_at = :at
                where kind = :kind and request_id = :id and item_index = :index and until_at is null""")
                .param("at", until).param("kind", kind).param("id", requestId).param("index", index).update();
        jdbc.sql("""
                update report_request set decommissioned_at = :at
                where request_id = :id and decommissioned_at is null and running_at is not null
                and not exists (select 1 from report_resource r where r.request_id = :id and r.until_at is null)""")
                .param("at", until).param("id", requestId).update();
    }

    private void quotaChange(String tenant, String project, String requestId, String kind, Quota amount) {
        jdbc.sql("""
                insert into report_quota_change (tenant_id, project_id, request_id, kind, vcpus, memory_mib, disk_gib,
                    gpus, vms, k8s_nodes, changed_at)
                values (:tenant, :project, :id, :kind, :vcpus, :memory, :disk, :gpus, :vms, :nodes, :at)""")
                .param("tenant", tenant).param("project", project).param("id", requestId).param("kind", kind)
                .param("vcpus", amount.vcpus()).param("memory", amount.memoryMiB()).param("disk", amount.diskGiB())
                .param("gpus", amount.gpus()).param("vms", amount.vms()).param("nodes", amount.k8sNodes())
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    private static Quota negative(Quota amount) {
        return Quota.ZERO.minus(amount);
    }
}
