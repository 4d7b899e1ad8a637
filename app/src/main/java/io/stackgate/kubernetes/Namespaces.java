package io.stackgate.kubernetes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.stackgate.compute.ResourceScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code k8s_namespace} table. */
@Repository
class Namespaces {

    record Row(String cluster, String name, String tenantId, String projectId, String requestId, String state,
            String stateReason, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    Namespaces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertIfAbsent(String cluster, String name, String tenant, String project, String requestId, Instant now) {
        if (ofRequest(requestId).isPresent()) {
            return;
        }
        try {
            jdbc.sql("insert into k8s_namespace (cluster_name, name, tenant_id, project_id, request_id, state, created_at, "
                            + "updated_at) values (?, ?, ?, ?, ?, 'PROVISIONING', ?, ?)")
                    .params(cluster, name, tenant, project, requestId, Timestamp.from(now), Timestamp.from(now)).update();
        } catch (DuplicateKeyException raced) {
            // the same step ran twice at once
        }
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

    List<Row> active() {
        return jdbc.sql("select * from k8s_namespace where state = 'ACTIVE'").query(Namespaces::map).list();
    }

    Optional<Row> ofRequest(String requestId) {
        return jdbc.sql("select * from k8s_namespace where request_id = ?").param(requestId).query(Namespaces::map).optional();
    }

    /** A namespace of that name on the cluster that is not gone or failed. */
    boolean isTaken(String cluster, String name) {
        return jdbc.sql("select count(*) from k8s_namespace where cluster_name = ? and name = ? and state in "
                + "('PROVISIONING', 'ACTIVE')").params(cluster, name).query(Integer.class).single() > 0;
    }

    void state(String requestId, String state, String reason, Instant now) {
        jdbc.sql("update k8s_namespace set state = ?, state_reason = ?, updated_at = ? where request_id = ?")
                .params(state, reason, Timestamp.from(now), requestId).update();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getString("cluster_name"), rs.getString("name"), rs.getString("tenant_id"),
                rs.getString("project_id"), rs.getString("request_id"), rs.getString("state"), rs.getString("state_reason"),
                rs.getTimestamp("created_at").toInstant());
    }
}
