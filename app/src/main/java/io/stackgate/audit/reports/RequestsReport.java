package io.stackgate.audit.reports;

import java.util.List;

import org.springframework.stereotype.Component;

/** How many requests were submitted in the period, by tenant, project, type and the status they have now. */
@Component
class RequestsReport implements ReportSource {

    private static final List<Column> COLUMNS = List.of(new Column("tenant", "Tenant"), new Column("project", "Project"),
            new Column("type", "Type"), new Column("status", "Status"), new Column("count", "Requests"),
            new Column("monthlyCost", "Monthly cost"));

    private final StreamingJdbc jdbc;

    RequestsReport(StreamingJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportName name() {
        return ReportName.REQUESTS;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ReportTable.Rows rows(ReportFilter filter) {
        return sink -> jdbc.query("""
                select tenant_id, project_id, type, status, count(*) as requests, sum(monthly_cost) as cost
                from report_request
                where submitted_at >= :from and submitted_at < :to and tenant_id in (:tenants)
                """ + ReportSource.onProject(filter) + """
                group by tenant_id, project_id, type, status
                order by tenant_id, project_id, type, status""", ReportSource.params(filter), rs -> {
            SqlRow row = new SqlRow(rs);
            sink.accept(new Object[] {row.text("tenant_id"), row.text("project_id"), row.text("type"),
                    row.text("status"), row.number("requests"), row.decimal("cost").setScale(2, java.math.RoundingMode.HALF_UP)});
        });
    }
}
