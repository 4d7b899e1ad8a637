package io.stackgate.compute;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code vm_instance} table. */
@Repository
class VmInstances {

    private static final String COLUMNS = "request_id, vm_index, tenant_id, project_id, owner_name, owner_id, domain_name, "
            + "domain_uuid, hostname, arch, image, vcpus, memory_mib, disk_gib, gpu_count, host, gpus, network_name, "
            + "mac_address, ip_address, state, state_reason, lease_expires_at, created_at, updated_at";

    private final JdbcClient jdbc;

    VmInstances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the VM in state PENDING unless it is recorded already (a repeated step). */
    void insertIfAbsent(VmInstance vm) {
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

    Optional<VmInstance> find(String requestId, int vmIndex) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where request_id = ? and vm_index = ?")
                .params(requestId, vmIndex).query(VmInstances::map).optional();
    }

    List<VmInstance> ofRequest(String requestId) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where request_id = ? order by vm_index")
                .param(requestId).query(VmInstances::map).list();
    }

    Optional<VmInstance> byDomain(String domainName) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where domain_name = ?")
                .param(domainName).query(VmInstances::map).optional();
    }

    /** VMs of these tenants, optionally of one tenant, project and state, newest first. */
    List<VmInstance> search(Collection<String> tenants, String tenant, String project, VmState state, int limit) {
        ResourceScope scope = new ResourceScope(tenants, tenant, project, state == null ? null : state.name());
        if (scope.none()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from vm_instance" + scope.where()
                        + " order by created_at desc, request_id, vm_index")
                .params(scope.params()).query(VmInstances::map).list().stream().limit(limit).toList();
    }

    /** Running or stopped VMs with a lease that also meet {@code leaseCondition} (SQL with one timestamp parameter). */
    List<VmInstance> leased(String leaseCondition, Instant bound) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where state in ('RUNNING', 'STOPPED') "
                        + "and lease_expires_at is not null and " + leaseCondition)
                .param(timestamp(bound)).query(VmInstances::map).list();
    }

    /** VMs that should have a domain on the host (placed and not ended). */
    List<VmInstance> expectedOn(String host) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where host = ? and state in ('PROVISIONING', 'RUNNING', 'STOPPED')")
                .param(host).query(VmInstances::map).list();
    }

    /** VMs recorded on the host in one of these states. */
    List<VmInstance> onHost(String host, Collection<VmState> states) {
        return jdbc.sql("select " + COLUMNS + " from vm_instance where host = :host and state in (:states)")
                .param("host", host).param("states", states.stream().map(Enum::name).toList())
                .query(VmInstances::map).list();
    }

    /** Other live VMs of the project on the host, besides the given one: they still need its network. */
    int othersOfProjectOn(String host, String tenant, String project, String requestId, int vmIndex) {
        return jdbc.sql("select count(*) from vm_instance where host = ? and tenant_id = ? and project_id = ? "
                        + "and state in ('PROVISIONING', 'RUNNING', 'STOPPED') and not (request_id = ? and vm_index = ?)")
                .params(host, tenant, project, requestId, vmIndex).query(Integer.class).single();
    }

    void placed(String requestId, int vmIndex, String host, List<String> gpus, Instant at) {
        jdbc.sql("update vm_instance set host = ?, gpus = ?, state = 'PROVISIONING', state_reason = null, updated_at = ? "
                        + "where request_id = ? and vm_index = ?")
                .params(host, String.join(",", gpus), timestamp(at), requestId, vmIndex).update();
    }

    void network(String requestId, int vmIndex, String network, String mac, Instant at) {
        jdbc.sql("update vm_instance set network_name = ?, mac_address = ?, updated_at = ? where request_id = ? and vm_index = ?")
                .params(network, mac, timestamp(at), requestId, vmIndex).update();
    }

    void state(String requestId, int vmIndex, VmState state, String reason, Instant at) {
        jdbc.sql("update vm_instance set state = ?, state_reason = ?, updated_at = ? where request_id = ? and vm_index = ?")
                .params(state.name(), reason, timestamp(at), requestId, vmIndex).update();
    }

    /** Changes the state only if it is still {@code from}: false when something else changed it first. */
    boolean changeState(String requestId, int vmIndex, VmState from, VmState to, String reason, Instant at) {
        return jdbc.sql("update vm_instance set state = ?, state_reason = ?, updated_at = ? "
                        + "where request_id = ? and vm_index = ? and state = ?")
                .params(to.name(), reason, timestamp(at), requestId, vmIndex, from.name()).update() == 1;
    }

    void running(String requestId, int vmIndex, Instant leaseExpiresAt, Instant at) {
        jdbc.sql("update vm_instance set state = 'RUNNING', state_reason = null, lease_expires_at = ?, updated_at = ? "
                        + "where request_id = ? and vm_index = ?")
                .params(timestamp(leaseExpiresAt), timestamp(at), requestId, vmIndex).update();
    }

    void resized(String requestId, int vmIndex, int vcpus, long memoryMiB, Instant at) {
        jdbc.sql("update vm_instance set vcpus = ?, memory_mib = ?, updated_at = ? where request_id = ? and vm_index = ?")
                .params(vcpus, memoryMiB, timestamp(at), requestId, vmIndex).update();
    }

    void ipAddress(String requestId, int vmIndex, String ip, Instant at) {
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

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
