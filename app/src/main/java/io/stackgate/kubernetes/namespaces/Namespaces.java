package io.stackgate.kubernetes.namespaces;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.stackgate.compute.ResourceScope;
import io.stackgate.tenancy.Quota;
import io.stackgate.workflow.Causes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code k8s_namespace} table: one row per namespace request, from submit (RESERVED: the name is held) through
 * PROVISIONING and ACTIVE to DELETED or FAILED. While a row is RESERVED, PROVISIONING or ACTIVE its {@code live_key}
 * ({@code <cluster>/<name>}) is set, and a unique index on it keeps one live namespace of a name per cluster; a
 * deleted or failed one's name may come back.
 */
@Repository
public class Namespaces {

    /** @param share the namespace's share of its project's quota; null for rows made before shares existed */
    public record Row(String cluster, String name, String tenantId, String projectId, String requestId, String state,
            String stateReason, Quota share, Instant createdAt) {

        public boolean live() {
            return LIVE.contains(state);
        }
    }

    static final String RESERVED = "RESERVED";
    static final String PROVISIONING = "PROVISIONING";
    static final String ACTIVE = "ACTIVE";
    static final String FAILED = "FAILED";
    static final String DELETED = "DELETED";
    private static final List<String> LIVE = List.of(RESERVED, PROVISIONING, ACTIVE);

    private final JdbcClient jdbc;

    Namespaces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds the name for a request at submit, in the submitting transaction.
     *
     * @throws DuplicateKeyException when a live namespace of that name is on the cluster (or being requested)
     */
    void reserve(String cluster, String name, String tenant, String project, String requestId, Quota share,
            Instant now) {
        insert(cluster, name, tenant, project, requestId, RESERVED, share, now);
    }

    /**
     * The row of a request submitted before names were held at submit, made when its namespace is applied: no-op when
     * the request has its row.
     *
     * @throws IllegalStateException when another request's live namespace has the name
     */
    void insertIfAbsent(String cluster, String name, String tenant, String project, String requestId, Quota share,
            Instant now) {
        if (ofRequest(requestId).isPresent()) {
            return;
        }
        try {
            insert(cluster, name, tenant, project, requestId, PROVISIONING, share, now);
        } catch (DuplicateKeyException raced) {
            if (ofRequest(requestId).isEmpty()) {
                throw new IllegalStateException("namespace " + name + " already exists on cluster " + cluster);
            }
            // the same step ran twice at once
        }
    }

    private void insert(String cluster, String name, String tenant, String project, String requestId, String state,
            Quota share, Instant now) {
        jdbc.sql("insert into k8s_namespace (cluster_name, name, tenant_id, project_id, request_id, state, live_key, "
                        + "quota_vcpus, quota_memory_mib, quota_disk_gib, quota_gpus, created_at, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(cluster, name, tenant, project, requestId, state, liveKey(cluster, name),
                        share == null ? null : share.vcpus(), share == null ? null : share.memoryMiB(),
                        share == null ? null : share.diskGiB(), share == null ? null : share.gpus(),
                        Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    /** Namespaces of these tenants, optionally narrowed, newest first. */
    long count(ResourceScope scope) {
        return scope.count(jdbc, "k8s_namespace");
    }

    /** One page of the scope, newest first. */
    List<Row> search(ResourceScope scope, long offset, int limit) {
        return scope.page(jdbc, "select * from k8s_namespace", "created_at desc, cluster_name, name", offset, limit,
                Namespaces::map);
    }

    public List<Row> active() {
        return jdbc.sql("select * from k8s_namespace where state = 'ACTIVE'").query(Namespaces::map).list();
    }

    Optional<Row> ofRequest(String requestId) {
        return jdbc.sql("select * from k8s_namespace where request_id = ?").param(requestId).query(Namespaces::map).optional();
    }

    /** A namespace of that name on the cluster that is held, being made or active. */
    boolean isTaken(String cluster, String name) {
        return jdbc.sql("select count(*) from k8s_namespace where live_key = ?").param(liveKey(cluster, name))
                .query(Integer.class).single() > 0;
    }

    /** Moves the request's namespace to {@code state}; a FAILED or DELETED one frees its name. */
    void state(String requestId, String state, String reason, Instant now) {
        String liveKey = LIVE.contains(state) ? "live_key" : "null";
        jdbc.sql("update k8s_namespace set state = ?, state_reason = ?, updated_at = ?, live_key = " + liveKey
                        + " where request_id = ?")
                .params(state, Causes.clip(reason, 1000), Timestamp.from(now), requestId).update();
    }

    /** Frees a name held for a request that ended before its namespace was made (rejected, cancelled, failed). */
    boolean dropReservation(String requestId) {
        return jdbc.sql("delete from k8s_namespace where request_id = ? and state = 'RESERVED'").param(requestId)
                .update() > 0;
    }

    /**
     * Grows the namespace's share by an approved quota change, once per change.
     *
     * @param before the share in force now (the default for a row without one)
     * @return false when this change was applied already
     */
    boolean raiseShare(String namespaceRequestId, String changeRequestId, Quota before, Quota amount, Instant now) {
        try {
            jdbc.sql("insert into k8s_namespace_quota_change (request_id, namespace_request_id, vcpus, memory_mib, "
                            + "disk_gib, gpus, applied_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(changeRequestId, namespaceRequestId, amount.vcpus(), amount.memoryMiB(), amount.diskGiB(),
                            amount.gpus(), Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException applied) {
            return false;
        }
        Quota after = before.plus(amount);
        jdbc.sql("update k8s_namespace set quota_vcpus = ?, quota_memory_mib = ?, quota_disk_gib = ?, quota_gpus = ?, "
                        + "updated_at = ? where request_id = ?")
                .params(after.vcpus(), after.memoryMiB(), after.diskGiB(), after.gpus(), Timestamp.from(now),
                        namespaceRequestId)
                .update();
        return true;
    }

    /** The quota changes that grew the namespace of this request: what they hold goes with it. */
    List<String> quotaChangesOf(String namespaceRequestId) {
        return jdbc.sql("select request_id from k8s_namespace_quota_change where namespace_request_id = ?")
                .param(namespaceRequestId).query(String.class).list();
    }

    private static String liveKey(String cluster, String name) {
        return cluster + "/" + name;
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        Quota share = rs.getObject("quota_vcpus") == null ? null : new Quota(rs.getInt("quota_vcpus"),
                rs.getLong("quota_memory_mib"), rs.getLong("quota_disk_gib"), rs.getInt("quota_gpus"), 0, 0);
        return new Row(rs.getString("cluster_name"), rs.getString("name"), rs.getString("tenant_id"),
                rs.getString("project_id"), rs.getString("request_id"), rs.getString("state"), rs.getString("state_reason"),
                share, rs.getTimestamp("created_at").toInstant());
    }
}
