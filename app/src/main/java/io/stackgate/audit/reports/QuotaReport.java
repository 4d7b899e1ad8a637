package io.stackgate.audit.reports;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaService;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import org.springframework.stereotype.Component;

/**
 * Quota use against the limit per project over time: at the end of each month of the period (or the period's end),
 * what the project's reservations held and what its limit was — the limit in force now less the raises approved
 * since.
 */
@Component
class QuotaReport implements ReportSource {

    private static final String[] RESOURCES = {"vcpus", "memoryMiB", "diskGiB", "gpus", "vms", "k8sNodes"};

    private static final List<Column> COLUMNS;

    static {
        List<Column> columns = new ArrayList<>(List.of(new Column("month", "Month"), new Column("tenant", "Tenant"),
                new Column("project", "Project")));
        for (String resource : RESOURCES) {
            columns.add(new Column(resource + "Used", resource + " used"));
            columns.add(new Column(resource + "Limit", resource + " limit"));
        }
        COLUMNS = List.copyOf(columns);
    }

    private final StreamingJdbc jdbc;
    private final Tenants tenants;
    private final QuotaService quotas;
    private final ReportsProperties properties;

    QuotaReport(StreamingJdbc jdbc, Tenants tenants, QuotaService quotas, ReportsProperties properties) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.quotas = quotas;
        this.properties = properties;
    }

    @Override
    public ReportName name() {
        return ReportName.QUOTA;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ReportTable.Rows rows(ReportFilter filter) {
        return sink -> {
            List<Months> months = Months.of(filter.from(), filter.to(), properties.zone());
            Map<String, Series> series = new LinkedHashMap<>();
            for (String tenantId : filter.tenants()) {
                tenants.find(tenantId).map(Tenant::projects).orElse(List.of()).stream()
                        .filter(project -> filter.project() == null || project.id().equals(filter.project()))
                        .map(Project::id)
                        .forEach(project -> series.put(tenantId + "/" + project, new Series(tenantId, project, months,
                                quotas.usage(tenantId, project).quota())));
            }
            if (months.isEmpty()) {
                return;
            }
            // the database sums the changes of each project by the month they fall in (before the first month's end:
            // the first; after the last's: one past it), use and raises apart; a month's use is the sum up to it
            Map<String, Object> params = ReportSource.params(filter);
            StringBuilder bucket = new StringBuilder("case");
            for (int m = 0; m < months.size(); m++) {
                params.put("end" + m, Timestamp.from(months.get(m).end()));
                bucket.append(" when changed_at < :end").append(m).append(" then ").append(m);
            }
            bucket.append(" else ").append(months.size()).append(" end");
            jdbc.query("""
                    select tenant_id, project_id, raised, bucket, sum(vcpus) as vcpus, sum(memory_mib) as memory_mib,
                        sum(disk_gib) as disk_gib, sum(gpus) as gpus, sum(vms) as vms, sum(k8s_nodes) as k8s_nodes
                    from (select tenant_id, project_id, case when kind = 'RAISED' then 1 else 0 end as raised,
                            """ + bucket + """
                             as bucket, vcpus, memory_mib, disk_gib, gpus, vms, k8s_nodes
                        from report_quota_change where tenant_id in (:tenants)""" + ReportSource.onProject(filter) + """
                    ) changes
                    group by tenant_id, project_id, raised, bucket""", params, rs -> add(series, new SqlRow(rs)));
            for (int m = 0; m < months.size(); m++) {
                for (Series project : series.values()) {
                    sink.accept(project.row(m));
                }
            }
        };
    }

    private static void add(Map<String, Series> series, SqlRow row) {
        Series project = series.get(row.text("tenant_id") + "/" + row.text("project_id"));
        if (project != null) {
            project.add(row.number("raised") == 1, (int) row.number("bucket"), new Quota((int) row.number("vcpus"),
                    row.number("memory_mib"), row.number("disk_gib"), (int) row.number("gpus"),
                    (int) row.number("vms"), (int) row.number("k8s_nodes")));
        }
    }

    /** One project's use and limit at each month's end. */
    private static final class Series {

        private final String tenant;
        private final String project;
        private final List<Months> months;
        private final Quota[] used;
        private final Quota[] raisedSince;
        private final Quota limitNow;

        Series(String tenant, String project, List<Months> months, Quota limitNow) {
            this.tenant = tenant;
            this.project = project;
            this.months = months;
            this.limitNow = limitNow;
            this.used = new Quota[months.size()];
            this.raisedSince = new Quota[months.size()];
            java.util.Arrays.fill(used, Quota.ZERO);
            java.util.Arrays.fill(raisedSince, Quota.ZERO);
        }

        /** The sum of one month's changes: month {@code bucket} is the first whose end the changes came before. */
        void add(boolean raised, int bucket, Quota amount) {
            for (int m = 0; m < months.size(); m++) {
                boolean before = bucket <= m;
                if (raised) {
                    if (!before) {
                        raisedSince[m] = raisedSince[m].plus(amount);
                    }
                } else if (before) {
                    used[m] = used[m].plus(amount);
                }
            }
        }

        Object[] row(int m) {
            Quota use = used[m];
            Quota limit = limitNow.minus(raisedSince[m]);
            return new Object[] {months.get(m).label(), tenant, project, (long) use.vcpus(), (long) limit.vcpus(),
                    use.memoryMiB(), limit.memoryMiB(), use.diskGiB(), limit.diskGiB(), (long) use.gpus(),
                    (long) limit.gpus(), (long) use.vms(), (long) limit.vms(), (long) use.k8sNodes(),
                    (long) limit.k8sNodes()};
        }
    }
}
