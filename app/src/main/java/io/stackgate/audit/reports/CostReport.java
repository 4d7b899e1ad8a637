package io.stackgate.audit.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.stackgate.tenancy.Tenants;
import org.springframework.stereotype.Component;

/**
 * Showback per tenant, project and month: each request's monthly cost (the price table's figure when it was
 * submitted) for the share of the month its resources ran, from running until the last of them was decommissioned.
 */
@Component
class CostReport implements ReportSource {

    private static final List<Column> COLUMNS = List.of(new Column("month", "Month"), new Column("tenant", "Tenant"),
            new Column("project", "Project"), new Column("currency", "Currency"), new Column("requests", "Requests"),
            new Column("cost", "Cost"));

    private final StreamingJdbc jdbc;
    private final Tenants tenants;
    private final ReportsProperties properties;
    private final Clock clock;

    CostReport(StreamingJdbc jdbc, Tenants tenants, ReportsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public ReportName name() {
        return ReportName.COST;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ReportTable.Rows rows(ReportFilter filter) {
        return sink -> {
            List<Months> months = Months.of(filter.from(), filter.to(), properties.zone());
            Instant now = clock.instant();
            Map<List<String>, Sum> sums = new TreeMap<>(CostReport::compare);
            jdbc.query("""
                    select tenant_id, project_id, monthly_cost, running_at, decommissioned_at from report_request
                    where running_at is not null and running_at < :to and monthly_cost > 0
                      and (decommissioned_at is null or decommissioned_at > :from) and tenant_id in (:tenants)"""
                    + ReportSource.onProject(filter), ReportSource.params(filter), rs -> {
                SqlRow row = new SqlRow(rs);
                Instant since = row.instant("running_at");
                Instant until = row.instant("decommissioned_at");
                BigDecimal monthly = row.decimal("monthly_cost");
                for (Months month : months) {
                    long seconds = month.overlap(since, until == null ? now : until);
                    if (seconds > 0) {
                        sums.computeIfAbsent(List.of(month.label(), row.text("tenant_id"), row.text("project_id")),
                                k -> new Sum()).add(monthly.multiply(BigDecimal.valueOf(seconds))
                                        .divide(BigDecimal.valueOf(month.length()), 6, RoundingMode.HALF_UP));
                    }
                }
            });
            sums.forEach((key, sum) -> sink.accept(new Object[] {key.get(0), key.get(1), key.get(2),
                    currency(key.get(1)), sum.requests, sum.cost.setScale(2, RoundingMode.HALF_UP)}));
        };
    }

    private String currency(String tenantId) {
        return tenants.find(tenantId).map(tenant -> tenant.approval().currency()).orElse("");
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int by = a.get(i).compareTo(b.get(i));
            if (by != 0) {
                return by;
            }
        }
        return 0;
    }

    private static final class Sum {

        private BigDecimal cost = BigDecimal.ZERO;
        private long requests;

        void add(BigDecimal amount) {
            cost = cost.add(amount);
            requests++;
        }
    }
}
