package io.stackgate.audit.reports;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One report: its columns and how its rows are read for a filter. */
interface ReportSource {

    ReportName name();

    List<Column> columns();

    ReportTable.Rows rows(ReportFilter filter);

    /** For reports of many rows: their count and one page, each read by the database; null for the others. */
    default ReportTable.Pager pager(ReportFilter filter) {
        return null;
    }

    /** The SQL condition of the optional project filter, on column {@code project_id}. */
    static String onProject(ReportFilter filter) {
        return filter.project() == null ? "" : " and project_id = :project ";
    }

    /** The SQL condition of the optional approver filter, on column {@code approver}. */
    static String onApprover(ReportFilter filter) {
        return filter.approver() == null ? "" : " and approver = :approver ";
    }

    /** The named parameters every report's SQL shares: {@code from}, {@code to}, {@code tenants}, and the optional ones. */
    static Map<String, Object> params(ReportFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(filter.from()));
        params.put("to", Timestamp.from(filter.to()));
        params.put("tenants", filter.tenants());
        params.put("project", filter.project());
        params.put("approver", filter.approver());
        return params;
    }
}
