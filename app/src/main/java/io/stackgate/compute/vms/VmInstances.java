package io.stackgate.compute.vms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ResourceScope;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmState;
import io.stackgate.workflow.Causes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code vm_instance} table. */
@Repository
public class VmInstances {

    /** vm_instance.state_reason: a longer cause is cut (in full in the log where it was raised) */
    private static final int REASON_LENGTH = 1000;

    private static final String COLUMNS = "request_id, vm_index, tenant_id, project_id, owner_name, owner_id, domain_name, "
            + "domain_uuid, hostname, arch, image, vcpus, memory_mib, disk_gib, gpu_count, host, gpus, network_name, "
            + "mac_address, ip_address, state, state_reason, lease_expires_at, created_at, updated_at";

    private final JdbcClient jdbc;

    public VmInstances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the VM in state PENDING unless it is recorded already (a repeated step). */
    public void insertIfAbsent(VmInstance vm) {
        if (find(vm.requestId(), vm.vmIndex()).isPresent()) {
            return;
        }
        try {
            jdbc.sql("insert into vm_instance (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(vm.requestId(), vm.vmIndex(), vm.tenantId(), vm.projectId(), vm.owner(), vm.ownerId(), vm.domainName(),
                            vm.domainUuid(), vm.hostname(), vm.arch().name(), vm.image(), vm.vcpus(), vm.memoryMiB(),
                            vm.diskGiB(), vm.gpuCount(), vm.host(), String.join(",", vm.gpus()), vm.network(),
                            vm.macAddress(), vm.ipAddress(), vm.state().name(), vm.stateReason(),
                            timestamp(vm.leaseExpiresAt()), timestamp(vm.createdAt()), timestamp(vm.updatedAt()))
                    .update();
        } catch (DuplicateKeyException concurrentlyInserted) {
            // the same step ran twice at once: one row is what we want
        }
    }

    public Optional<VmInstance> find(String requestId, int vmIndex) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where request_id = ? and vm_index = ?")
                .params(requestId, vmIndex).query(VmInstances::map).optional();
    }

    public List<VmInstance> ofRequest(String requestId) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where request_id = ? order by vm_index")
                .param(requestId).query(VmInstances::map).list();
    }

    public Optional<VmInstance> byDomain(String domainName) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where domain_name = ?")
                .param(domainName).query(VmInstances::map).optional();
    }

    /** How many VMs the scope holds. */
    public long count(ResourceScope scope) {
        return scope.count(jdbc, "vm_instance");
    }

    /** One page of the VMs in the scope, newest first (index vm_instance_tenant_created). */
    public List<VmInstance> search(ResourceScope scope, long offset, int limit) {
        return scope.page(jdbc, "select " + COLUMNS + " from vm_instance", "created_at desc, request_id, vm_index", offset,
                limit, VmInstances::map);
    }

    /** VMs in these states with a lease that also meet {@code leaseCondition} (SQL with one timestamp parameter). */
    public List<VmInstance> leased(Collection<VmState> states, String leaseCondition, Instant bound) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where state in (:states) "
                        + "and lease_expires_at is not null and " + leaseCondition.replace("?", ":bound"))
                .param("states", names(states)).param("bound", timestamp(bound)).query(VmInstances::map).list();
    }

    /** Whether the VM's lease ended and powered it off (it stays off until a renewal). */
    public boolean leaseEnded(String requestId, int vmIndex) {
        return jdbc.sql("select count(*) from vm_instance where request_id = ? and vm_index = ? and lease_stopped_at is not null")
                .params(requestId, vmIndex).query(Integer.class).single() > 0;
    }

    /** VMs recorded on the host in one of these states. */
    public List<VmInstance> onHost(String host, Collection<VmState> states) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where host = :host and state in (:states)")
                .param("host", host).param("states", names(states))
                .query(VmInstances::map).list();
    }

    /** Other live VMs of the project on the host, besides the given one: they still need its network. */
    public int othersOfProjectOn(String host, String tenant, String project, String requestId, int vmIndex) {
        return jdbc.sql("select count(*) from vm_instance where host = ? and tenant_id = ? and project_id = ? "
                        + "and state in ('PROVISIONING', 'RUNNING', 'STOPPED') and not (request_id = ? and vm_index = ?)")
                .params(host, tenant, project, requestId, vmIndex).query(Integer.class).single();
    }

    /** PENDING or WAITING (or a repeated step: PROVISIONING) → PROVISIONING on the host; false when it is past that. */
    public boolean placed(String requestId, int vmIndex, String host, List<String> gpus, Instant at) {
        return jdbc.sql("update vm_instance set host = :host, gpus = :gpus, state = 'PROVISIONING', state_reason = null, "
                        + "updated_at = :at where request_id = :request and vm_index = :index and state in (:from)")
                .param("host", host).param("gpus", String.join(",", gpus)).param("at", timestamp(at))
                .param("request", requestId).param("index", vmIndex)
                .param("from", names(List.of(VmState.PENDING, VmState.WAITING, VmState.PROVISIONING))).update() == 1;
    }

    public void network(String requestId, int vmIndex, String network, String mac, Instant at) {
        jdbc.sql("update vm_instance set network_name = ?, mac_address = ?, updated_at = ? where request_id = ? and vm_index = ?")
                .params(network, mac, timestamp(at), requestId, vmIndex).update();
    }

    /**
     * Changes the state only if it is one of {@code from}: false when it is not (something else changed it first).
     * The row stays locked until the caller's transaction ends, so whoever changes it next waits for that.
     */
    public boolean changeState(String requestId, int vmIndex, Collection<VmState> from, VmState to, String reason, Instant at) {
        return jdbc.sql("update vm_instance set state = :to, state_reason = :reason, updated_at = :at "
                        + "where request_id = :request and vm_index = :index and state in (:from)")
                .param("to", to.name()).param("reason", Causes.clip(reason, REASON_LENGTH)).param("at", timestamp(at))
                .param("request", requestId)
                .param("index", vmIndex).param("from", names(from)).update() == 1;
    }

    /** Changes the state only if it is still {@code from}: false when something else changed it first. */
    public boolean changeState(String requestId, int vmIndex, VmState from, VmState to, String reason, Instant at) {
        return changeState(requestId, vmIndex, List.of(from), to, reason, at);
    }

    /**
     * Takes the VM's row (until the caller's transaction ends) if its state is one of these, changing nothing else:
     * work on its domain that must not overlap a decommission holds it. False when the VM left those states.
     */
    public boolean hold(String requestId, int vmIndex, Collection<VmState> states, Instant at) {
        return jdbc.sql("update vm_instance set updated_at = :at where request_id = :request and vm_index = :index "
                        + "and state in (:states)")
                .param("at", timestamp(at)).param("request", requestId).param("index", vmIndex)
                .param("states", names(states)).update() == 1;
    }

    /** A started VM: RUNNING or STOPPED → RUNNING, unless its lease ended (a renewal starts it again). */
    public boolean startable(String requestId, int vmIndex, Instant at) {
        return jdbc.sql("update vm_instance set state = 'RUNNING', state_reason = null, updated_at = ? where request_id = ? "
                        + "and vm_index = ? and state in ('RUNNING', 'STOPPED') and lease_stopped_at is null")
                .params(timestamp(at), requestId, vmIndex).update() == 1;
    }

    /** PROVISIONING → RUNNING with its lease (a repeated step finds it RUNNING already: true, nothing changes). */
    public boolean running(String requestId, int vmIndex, Instant leaseExpiresAt, Instant at) {
        int updated = jdbc.sql("update vm_instance set state = 'RUNNING', state_reason = null, lease_expires_at = ?, updated_at = ? "
                        + "where request_id = ? and vm_index = ? and state = 'PROVISIONING'")
                .params(timestamp(leaseExpiresAt), timestamp(at), requestId, vmIndex).update();
        return updated == 1 || find(requestId, vmIndex).map(vm -> vm.state() == VmState.RUNNING).orElse(false);
    }

    public void resized(String requestId, int vmIndex, int vcpus, long memoryMiB, Instant at) {
        jdbc.sql("update vm_instance set vcpus = ?, memory_mib = ?, updated_at = ? where request_id = ? and vm_index = ?")
                .params(vcpus, memoryMiB, timestamp(at), requestId, vmIndex).update();
    }

    public void ipAddress(String requestId, int vmIndex, String ip, Instant at) {
        jdbc.sql("update vm_instance set ip_address = ?, updated_at = ? where request_id = ? and vm_index = ?")
                .params(ip, timestamp(at), requestId, vmIndex).update();
    }

    private static VmInstance map(ResultSet rs, int row) throws SQLException {
        String gpus = rs.getString("gpus");
        return new VmInstance(rs.getString("request_id"), rs.getInt("vm_index"), rs.getString("tenant_id"),
                rs.getString("project_id"), rs.getString("owner_name"), rs.getString("owner_id"), rs.getString("domain_name"),
                rs.getString("domain_uuid"), rs.getString("hostname"), Arch.valueOf(rs.getString("arch")),
                rs.getString("image"), rs.getInt("vcpus"), rs.getLong("memory_mib"), rs.getLong("disk_gib"),
                rs.getInt("gpu_count"), rs.getString("host"),
                gpus == null || gpus.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(gpus.split(","))),
                rs.getString("network_name"), rs.getString("mac_address"), rs.getString("ip_address"),
                VmState.valueOf(rs.getString("state")), rs.getString("state_reason"), instant(rs, "lease_expires_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static List<String> names(Collection<VmState> states) {
        return states.stream().map(Enum::name).toList();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
