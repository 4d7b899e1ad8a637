package io.stackgate.audit.reports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report covers: the period [{@code from}, {@code to}), the tenants (already cut to the caller's), and the
 * optional project and approver.
 */
public record ReportFilter(Instant from, Instant to, List<String> tenants, String project, String approver) {

    public ReportFilter {
        tenants = List.copyOf(tenants);
    }

    /** The filters as a header shows them, in a stable order. */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("from", from.toString());
        shown.put("to", to.toString());
        shown.put("tenants", String.join(",", tenants));
        if (project != null) {
            shown.put("project", project);
        }
        if (approver != null) {
            shown.put("approver", approver);
        }
        return shown;
    }
}
