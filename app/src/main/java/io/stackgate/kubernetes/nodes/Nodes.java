package io.stackgate.kubernetes.nodes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.stackgate.compute.ResourceScope;
import io.stackgate.workflow.Causes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code k8s_node} table: one row per worker node of a node-pool request. */
@Repository
class Nodes {

    /** k8s_node.state_reason: a longer cause is cut (in full in the log where it was raised) */
    private static final int REASON_LENGTH = 1000;

    enum State {
        JOINING, READY, FAILED, DRAINING, DELETED
    }

    /** @param drainRequestId the decommission that drains (or last drained) the node */
    record Row(String requestId, int index, String cluster, String name, String tenantId, String projectId, String arch,
            State state, String stateReason, Instant drainStartedAt, String drainRequestId, Instant createdAt,
            Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    Nodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertIfAbsent(String requestId, int index, String cluster, String name, String tenant, String project,
            String arch, Instant now) {
        if (find(requestId, index).isPresent()) {
            return;
        }
        try {
            jdbc.sql("insert into k8s_node (request_id, node_index, cluster_name, node_name, tenant_id, project_id, arch, "
                            + "state, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'JOINING', ?, ?)")
                    .params(requestId, index, cluster, name, tenant, project, arch, Timestamp.from(now),
                            Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException raced) {
            // the same step ran twice at once
        }
    }

    Optional<Row> find(String requestId, int index) {
        return jdbc.sql("select * from k8s_node where request_id = ? and node_index = ?").params(requestId, index)
                .query(Nodes::map).optional();
    }

    List<Row> ofRequest(String requestId) {
        return jdbc.sql("select * from k8s_node where request_id = ? order by node_index").param(requestId)
                .query(Nodes::map).list();
    }

    /** The node of that name on the cluster that is still joining, if one is. */
    Optional<Row> joining(String cluster, String name) {
        return jdbc.sql("select * from k8s_node where cluster_name = ? and node_name = ? and state = 'JOINING'")
                .params(cluster, name).query(Nodes::map).optional();
    }

    /** Nodes of these tenants, optionally narrowed, newest first. */
    long count(ResourceScope scope) {
        return scope.count(jdbc, "k8s_node");
    }

    /** One page of the scope, newest first. */
    List<Row> search(ResourceScope scope, long offset, int limit) {
        return scope.page(jdbc, "select * from k8s_node", "created_at desc, request_id, node_index", offset, limit,
                Nodes::map);
    }

    void token(String requestId, int index, String tokenId, Instant now) {
        jdbc.sql("update k8s_node set token_id = ?, updated_at = ? where request_id = ? and node_index = ?")
                .params(tokenId, Timestamp.from(now), requestId, index).update();
    }

    void state(String requestId, int index, State state, String reason, Instant now) {
        jdbc.sql("update k8s_node set state = ?, state_reason = ?, updated_at = ? where request_id = ? and node_index = ?")
                .params(state.name(), Causes.clip(reason, REASON_LENGTH), Timestamp.from(now), requestId, index).update();
    }

    /**
     * Marks the node DRAINING for the decommission {@code byRequest}, keeping the time that decommission first began
     * (its drain timeout counts from there; a later decommission starts its own clock).
     */
    Instant draining(String requestId, int index, String byRequest, Instant now) {
        jdbc.sql("update k8s_node set state = 'DRAINING', drain_started_at = case when drain_request_id = ? "
                        + "then drain_started_at else ? end, drain_request_id = ?, updated_at = ? "
                        + "where request_id = ? and node_index = ?")
                .params(byRequest, Timestamp.from(now), byRequest, Timestamp.from(now), requestId, index).update();
        return find(requestId, index).map(Row::drainStartedAt).orElse(now);
    }

    /** Locks the pool's rows until the transaction ends: two decommissions of its nodes count what is left in turn. */
    void lockPool(String requestId) {
        jdbc.sql("select node_index from k8s_node where request_id = ? for update").param(requestId)
                .query(Integer.class).list();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        Timestamp drain = rs.getTimestamp("drain_started_at");
        return new Row(rs.getString("request_id"), rs.getInt("node_index"), rs.getString("cluster_name"),
                rs.getString("node_name"), rs.getString("tenant_id"), rs.getString("project_id"), rs.getString("arch"),
                State.valueOf(rs.getString("state")), rs.getString("state_reason"),
                drain == null ? null : drain.toInstant(), rs.getString("drain_request_id"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
