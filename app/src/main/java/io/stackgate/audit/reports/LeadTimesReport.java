package io.stackgate.audit.reports;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * How long approvals take: per tenant and level (approver {@code *}), per tenant, level and approver, and from submit
 * to running (level {@code submit-to-running}): how many, the median, the 90th percentile and the longest, in
 * seconds, and how many decisions broke their level's SLA. Percentiles are nearest-rank (a value that occurred).
 */
@Component
class LeadTimesReport implements ReportSource {

    static final String ALL_APPROVERS = "*";
    static final String SUBMIT_TO_RUNNING = "submit-to-running";

    private static final List<Column> COLUMNS = List.of(new Column("tenant", "Tenant"), new Column("level", "Level"),
            new Column("approver", "Approver"), new Column("count", "Decisions"),
            new Column("medianSeconds", "Median (s)"), new Column("p90Seconds", "90th percentile (s)"),
            new Column("maxSeconds", "Longest (s)"), new Column("slaBreaches", "SLA breaches"));

    private final StreamingJdbc jdbc;

    LeadTimesReport(StreamingJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ReportName name() {
        return ReportName.LEAD_TIMES;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ReportTable.Rows rows(ReportFilter filter) {
        return sink -> {
            Map<List<String>, Durations> groups = new TreeMap<>(LeadTimesReport::compare);
            jdbc.query("""
                    select tenant_id, level_name, approver, lead_s, sla_breached from report_approval
                    where decided_at >= :from and decided_at < :to and tenant_id in (:tenants)"""
                    + ReportSource.onProject(filter) + ReportSource.onApprover(filter),
                    ReportSource.params(filter), rs -> {
                SqlRow row = new SqlRow(rs);
                String tenant = row.text("tenant_id");
                String level = row.text("level_name");
                long lead = row.number("lead_s");
                boolean breached = row.flag("sla_breached");
                groups.computeIfAbsent(List.of(tenant, level, ALL_APPROVERS), k -> new Durations()).add(lead, breached);
                groups.computeIfAbsent(List.of(tenant, level, row.text("approver")), k -> new Durations()).add(lead, breached);
            });
            if (filter.approver() == null) {
                jdbc.query("""
                        select tenant_id, submit_to_running_s from report_request
                        where running_at >= :from and running_at < :to and tenant_id in (:tenants)"""
                        + ReportSource.onProject(filter), ReportSource.params(filter), rs -> {
                    SqlRow row = new SqlRow(rs);
                    groups.computeIfAbsent(List.of(row.text("tenant_id"), SUBMIT_TO_RUNNING, ALL_APPROVERS),
                            k -> new Durations()).add(row.number("submit_to_running_s"), false);
                });
            }
            groups.forEach((key, durations) -> sink.accept(durations.row(key)));
        };
    }

    /** Tenant, then level (submit-to-running last), then the all-approvers row first. */
    private static int compare(List<String> a, List<String> b) {
        int byTenant = a.get(0).compareTo(b.get(0));
        if (byTenant != 0) {
            return byTenant;
        }
        int byLevel = Boolean.compare(a.get(1).equals(SUBMIT_TO_RUNNING), b.get(1).equals(SUBMIT_TO_RUNNING));
        byLevel = byLevel != 0 ? byLevel : a.get(1).compareTo(b.get(1));
        if (byLevel != 0) {
            return byLevel;
        }
        int allFirst = Boolean.compare(!a.get(2).equals(ALL_APPROVERS), !b.get(2).equals(ALL_APPROVERS));
        return allFirst != 0 ? allFirst : a.get(2).compareTo(b.get(2));
    }

    /** The durations of one group, kept as a growing array of primitives (a million decisions are 8 MB). */
    static final class Durations {

        private long[] values = new long[16];
        private int count;
        private long breaches;

        void add(long seconds, boolean breached) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = seconds;
            if (breached) {
                breaches++;
            }
        }

        Object[] row(List<String> key) {
            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            return new Object[] {key.get(0), key.get(1), key.get(2), (long) count, nearestRank(sorted, 50),
                    nearestRank(sorted, 90), sorted[count - 1], breaches};
        }

        /** The smallest value with at least {@code percent} % of the values at or below it. */
        static long nearestRank(long[] sorted, int percent) {
            int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
            return sorted[Math.max(rank, 1) - 1];
        }
    }
}
