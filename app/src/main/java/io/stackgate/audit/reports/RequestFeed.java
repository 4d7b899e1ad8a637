package io.stackgate.audit.reports;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.stackgate.approvals.ApprovalEvents.ApprovalDecided;
import io.stackgate.requests.RequestEvents.RequestStatusChanged;
import io.stackgate.requests.RequestEvents.RequestSubmitted;
import io.stackgate.requests.RequestStatus;
import io.stackgate.tenancy.ApprovalLevel;
import io.stackgate.tenancy.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the reports' read model of requests and approval decisions from the request and approval events, in the
 * transaction that publishes them: a report never disagrees with what happened, and never reads another capability's
 * tables. A level's lead time runs from the previous decision (or the submit) to its own, as approvals are sequential.
 */
@Component
class RequestFeed {

    private static final Logger log = LoggerFactory.getLogger(RequestFeed.class);

    private final JdbcClient jdbc;
    private final Tenants tenants;

    RequestFeed(JdbcClient jdbc, Tenants tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    @EventListener
    void on(RequestSubmitted event) {
        jdbc.sql("""
                insert into report_request (request_id, tenant_id, project_id, type, requester, status, monthly_cost,
                    over_quota, submitted_at)
                values (:id, :tenant, :project, :type, :requester, :status, :cost, :overQuota, :at)""")
                .param("id", event.requestId()).param("tenant", event.tenantId()).param("project", event.projectId())
                .param("type", event.type()).param("requester", event.requester())
                .param("status", RequestStatus.SUBMITTED.name()).param("cost", event.monthlyCost())
                .param("overQuota", event.overQuota()).param("at", Timestamp.from(event.at()))
                .update();
    }

    @EventListener
    void on(RequestStatusChanged event) {
        Timestamp at = Timestamp.from(event.at());
        jdbc.sql("update report_request set status = :status where request_id = :id")
                .param("status", event.status().name()).param("id", event.requestId()).update();
        if (event.status() == RequestStatus.COMPLETED) {
            submittedAt(event.requestId()).ifPresent(submitted -> jdbc.sql("""
                    update report_request set running_at = :at, submit_to_running_s = :seconds
                    where request_id = :id""")
                    .param("at", at).param("seconds", seconds(submitted, event.at()))
                    .param("id", event.requestId()).update());
        }
        if (event.status().isTerminal()) {
            jdbc.sql("update report_request set ended_at = :at where request_id = :id")
                    .param("at", at).param("id", event.requestId()).update();
        }
    }

    @EventListener
    void on(ApprovalDecided event) {
        Optional<Pending> pending = jdbc.sql("""
                select project_id, type, coalesce(last_decision_at, submitted_at) as started_at
                from report_request where request_id = :id""")
                .param("id", event.requestId())
                .query((rs, n) -> new Pending(rs.getString("project_id"), rs.getString("type"),
                        rs.getTimestamp("started_at").toInstant()))
                .optional();
        if (pending.isEmpty()) {
            log.debug("decision on request {} submitted before the reports' read model existed: not reported",
                    event.requestId());
            return;
        }
        Instant started = pending.get().startedAt();
        long lead = seconds(started, event.at());
        Long sla = slaSeconds(event.tenantId(), event.level());
        jdbc.sql("""
                insert into report_approval (request_id, tenant_id, project_id, type, level_name, decision, approver,
                    comment, started_at, decided_at, lead_s, sla_s, sla_breached)
                values (:id, :tenant, :project, :type, :level, :decision, :approver, :comment, :started, :decided,
                    :lead, :sla, :breached)""")
                .param("id", event.requestId()).param("tenant", event.tenantId())
                .param("project", pending.get().projectId()).param("type", pending.get().type())
                .param("level", event.level()).param("decision", event.decision()).param("approver", event.decidedBy())
                .param("comment", event.comment()).param("started", Timestamp.from(started))
                .param("decided", Timestamp.from(event.at())).param("lead", lead).param("sla", sla)
                .param("breached", sla != null && lead > sla)
                .update();
        jdbc.sql("update report_request set last_decision_at = :at where request_id = :id")
                .param("at", Timestamp.from(event.at())).param("id", event.requestId()).update();
    }

    private Optional<Instant> submittedAt(String requestId) {
        return jdbc.sql("select submitted_at from report_request where request_id = :id").param("id", requestId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** The level's SLA as configured when it was decided (null: the tenant or level is gone from tenants-config). */
    private Long slaSeconds(String tenantId, String level) {
        return tenants.find(tenantId).map(tenant -> tenant.approval().levels().get(level))
                .map(ApprovalLevel::sla).map(Duration::toSeconds).orElse(null);
    }

    /** Whole seconds, as MySQL keeps timestamps. */
    static long seconds(Instant from, Instant to) {
        return Math.max(0, to.getEpochSecond() - from.getEpochSecond());
    }

    private record Pending(String projectId, String type, Instant startedAt) {
    }
}
