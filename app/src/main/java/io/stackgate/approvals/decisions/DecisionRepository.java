package io.stackgate.approvals.decisions;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code approval_decision} table. */
@Repository
public class DecisionRepository {

    private final JdbcClient jdbc;

    public DecisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param decidedBy the decider's username (display), {@code decidedById} their subject */
    void record(String taskId, String requestId, String tenantId, String level, String decision, String decidedBy,
            String decidedById, String comment, Instant at) {
        jdbc.sql("""
                insert into approval_decision (task_id, request_id, tenant_id, level, decision, decided_by, decided_by_id, comment, decided_at)
                values (:task, :request, :tenant, :level, :decision, :by, :byId, :comment, :at)""")
                .param("task", taskId).param("request", requestId).param("tenant", tenantId).param("level", level)
                .param("decision", decision).param("by", decidedBy).param("byId", decidedById).param("comment", comment)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Has this person (by subject) already decided a level of this request? */
    public boolean hasDecided(String requestId, String userId) {
        return jdbc.sql("select count(*) from approval_decision where request_id = :request and decided_by_id = :user")
                .param("request", requestId).param("user", userId).query(Integer.class).single() > 0;
    }
}
