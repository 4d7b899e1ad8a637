package io.stackgate.audit.reports;

import java.util.List;

import org.springframework.stereotype.Component;

/** What ran at the end of the period: VMs, nodes and namespaces by tenant, project, kind, architecture and host. */
@Component
class ResourcesReport implements ReportSource {

    private static final List<Column> COLUMNS = List.of(new Column("tenant", "Tenant"), new Column("project", "Project"),
            new Column("kind", "Kind"), new Column("arch", "Architecture"), new Column("location", "Host or cluster"),
            new Column("count", "Running"));

    private final StreamingJdbc jdbc;

    ResourcesReport(StreamingJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportName name() {
        return ReportName.RESOURCES;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ReportTable.Rows rows(ReportFilter filter) {
        return sink -> jdbc.query("""
                select tenant_id, project_id, kind, coalesce(arch, '') as arch, location, count(*) as running
                from report_resource
                where tenant_id in (:tenants) and since_at < :to and (until_at is null or until_at >= :to)
                """ + ReportSource.onProject(filter) + """
                group by tenant_id, project_id, kind, coalesce(arch, ''), location
                order by tenant_id, project_id, kind, arch, location""", ReportSource.params(filter), rs -> {
            SqlRow row = new SqlRow(rs);
            sink.accept(new Object[] {row.text("tenant_id"), row.text("project_id"), row.text("kind"),
                    row.text("arch"), row.text("location"), row.number("running")});
        });
    }
}
