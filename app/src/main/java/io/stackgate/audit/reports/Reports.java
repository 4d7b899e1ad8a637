package io.stackgate.audit.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.stackgate.audit.AuditLog;
import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.tenancy.TenantNotFound;
import io.stackgate.tenancy.Tenants;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The manager and auditor reports. Auditors and tenant admins read those of their tenants, platform admins and
 * operators those of every tenant; nobody else reads any. Every report is cut to the caller's tenants before it is
 * read, and carries the audit chain's head when it was made, so that a printed report can be checked against the log.
 */
@Service
public class Reports {

    /** What the header shows for the chain head when there is no audit log. */
    public static final String NO_CHAIN = "none";

    private final Map<ReportName, ReportSource> sources;
    private final Tenants tenants;
    private final ObjectProvider<AuditLog> auditLog;
    private final ReportsProperties properties;
    private final Clock clock;

    Reports(List<ReportSource> sources, Tenants tenants, ObjectProvider<AuditLog> auditLog,
            ReportsProperties properties, Clock clock) {
        this.sources = sources.stream().collect(Collectors.toMap(ReportSource::name, Function.identity()));
        this.tenants = tenants;
        this.auditLog = auditLog;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The parameters as the API takes them.
     *
     * @param from     a date ({@code 2026-11-01}, from its start) or an instant; default: the start of this month
     * @param to       a date (until its end: inclusive) or an instant (exclusive); default: now
     * @param tenant   one of the caller's tenants; default: all of them
     * @param project  a project id, or null
     * @param approver an approver's username (approvals and lead times), or null
     */
    public record Params(String from, String to, String tenant, String project, String approver) {
    }

    /** The report for the caller, its rows still to be read. */
    public ReportTable report(Caller caller, String name, Params params) {
        ReportName report = ReportName.of(name);
        return table(report, filter(caller, params));
    }

    /** The report for a filter made without a caller (the monthly job, which reports each tenant to its admins). */
    ReportTable table(ReportName report, ReportFilter filter) {
        ReportSource source = sources.get(report);
        return new ReportTable(report, filter, clock.instant(), chainHead(), source.columns(), source.rows(filter),
                source.pager(filter));
    }

    private ReportFilter filter(Caller caller, Params params) {
        List<String> readable = caller.tenants().stream()
                .filter(tenant -> caller.isPlatformWide() || caller.isAuditor() || caller.administers(tenant))
                .filter(tenant -> tenants.find(tenant).isPresent())
                .sorted().toList();
        if (readable.isEmpty() || !(caller.isPlatformWide() || caller.isAuditor() || caller.hasRole(Caller.TENANT_ADMIN))) {
            throw new MayNotReadReports(caller.username());
        }
        List<String> scope = readable;
        if (params.tenant() != null && !params.tenant().isBlank()) {
            if (!readable.contains(params.tenant())) {
                throw new TenantNotFound(params.tenant());
            }
            scope = List.of(params.tenant());
        }
        Instant to = params.to() == null || params.to().isBlank() ? clock.instant() : instant("to", params.to(), true);
        Instant from = params.from() == null || params.from().isBlank()
                ? YearMonth.from(to.atZone(properties.zone())).atDay(1).atStartOfDay(properties.zone()).toInstant()
                : instant("from", params.from(), false);
        if (from.isAfter(to)) {
            throw new InvalidInput("from", "must not be after to (" + to + ")");
        }
        return new ReportFilter(from, to, scope, blankToNull(params.project()), blankToNull(params.approver()));
    }

    /** A date means its whole day in the reports' zone: {@code from} its start, {@code to} its end. */
    private Instant instant(String field, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(properties.zone()).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date (2026-11-30) or an instant (2026-11-30T12:00:00Z)");
        }
    }

    private String chainHead() {
        AuditLog log = auditLog.getIfAvailable();
        return log == null ? NO_CHAIN : log.head().hash();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
