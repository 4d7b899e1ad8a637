package io.stackgate.audit.reports;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Who approved (or rejected) what, when, with which comment, and how long the level waited for it: one row per
 * decision in the period, oldest first; optionally one approver's only.
 */
@Component
class ApprovalsReport implements ReportSource {

    private static final List<Column> COLUMNS = List.of(new Column("decidedAt", "Decided at"),
            new Column("tenant", "Tenant"), new Column("project", "Project"), new Column("requestId", "Request"),
            new Column("type", "Type"), new Column("level", "Level"), new Column("approver", "Approver"),
            new Column("decision", "Decision"), new Column("comment", "Comment"),
            new Column("startedAt", "Waiting since"), new Column("leadSeconds", "Lead time (s)"),
            new Column("slaSeconds", "SLA (s)"), new Column("slaBreached", "SLA breached"));

    private final StreamingJdbc jdbc;

    ApprovalsReport(StreamingJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportName name() {
        return ReportName.APPROVALS;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ReportTable.Rows rows(ReportFilter filter) {
        return rows(filter, "");
    }

    /** A page: the count and the page's rows by the database, so that a dashboard does not read a year of decisions. */
    @Override
    public ReportTable.Pager pager(ReportFilter filter) {
        return new ReportTable.Pager() {
            @Override
            public long total() {
                long[] count = {0};
                jdbc.query("select count(*) as decisions from report_approval " + where(filter),
                        ReportSource.params(filter), rs -> count[0] = new SqlRow(rs).number("decisions"));
                return count[0];
            }

            @Override
            public ReportTable.Rows page(long offset, int size) {
                return rows(filter, " limit " + size + " offset " + offset);
            }
        };
    }

    private static String where(ReportFilter filter) {
        return "where decided_at >= :from and decided_at < :to and tenant_id in (:tenants)"
                + ReportSource.onProject(filter) + ReportSource.onApprover(filter);
    }

    private ReportTable.Rows rows(ReportFilter filter, String limit) {
        return sink -> jdbc.query("""
                select decided_at, tenant_id, project_id, request_id, type, level_name, approver, decision, comment,
                    started_at, lead_s, sla_s, sla_breached
                from report_approval
                """ + where(filter) + " order by decided_at, id" + limit, ReportSource.params(filter), rs -> {
            SqlRow row = new SqlRow(rs);
            sink.accept(new Object[] {row.instant("decided_at"), row.text("tenant_id"), row.text("project_id"),
                    row.text("request_id"), row.text("type"), row.text("level_name"), row.text("approver"),
                    row.text("decision"), row.text("comment"), row.instant("started_at"), row.number("lead_s"),
                    row.nullableNumber("sla_s"), row.flag("sla_breached")});
        });
    }
}
