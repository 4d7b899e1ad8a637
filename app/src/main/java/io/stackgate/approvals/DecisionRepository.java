package io.stackgate.approvals;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code approval_decision} table. */
@Repository
class DecisionRepository {

    private final JdbcClient jdbc;

    DecisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String taskId, String requestId, String tenantId, String level, String decision, String decidedBy,
            String comment, Instant at) {
        jdbc.sql("""
                insert into approval_decision (task_id, request_id, tenant_id, level, decision, decided_by, comment, decided_at)
                values (:task, :request, :tenant, :level, :decision, :by, :comment, :at)""")
                .param("task", taskId).param("request", requestId).param("tenant", tenantId).param("level", level)
                .param("decision", decision).param("by", decidedBy).param("comment", comment)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Has this person already decided a level of this request? */
    boolean hasDecided(String requestId, String user) {
        return jdbc.sql("select count(*) from approval_decision where request_id = :request and decided_by = :user")
                .param("request", requestId).param("user", user).query(Integer.class).single() > 0;
    }
}
