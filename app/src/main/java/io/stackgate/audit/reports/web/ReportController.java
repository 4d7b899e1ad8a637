package io.stackgate.audit.reports.web;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stackgate.audit.reports.Column;
import io.stackgate.audit.reports.ReportFormat;
import io.stackgate.audit.reports.ReportTable;
import io.stackgate.audit.reports.Reports;
import io.stackgate.audit.reports.exports.CsvExport;
import io.stackgate.audit.reports.exports.PdfExport;
import io.stackgate.audit.reports.exports.XlsxExport;
import io.stackgate.identity.CallerResolver;
import io.stackgate.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manager and auditor reports, as JSON pages for the dashboards or as whole files (CSV, XLSX, PDF) streamed to
 * the caller as they are read (on the request's thread: a refusal is thrown before the first byte is written).
 */
@Tag(name = "Reports", description = "Audit and management reports of the caller's tenants, as JSON or CSV/XLSX/PDF exports")
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final Reports reports;
    private final CallerResolver callers;
    private final PdfExport pdf;

    ReportController(Reports reports, CallerResolver callers, PdfExport pdf) {
        this.reports = reports;
        this.callers = callers;
        this.pdf = pdf;
    }

    /**
     * A page of a report in JSON.
     *
     * @param filters the filters in force (from, to, tenants, and project and approver if given)
     * @param rows    objects keyed by the columns' keys
     * @param total   how many rows the whole report has
     */
    record ReportPage(String report, Map<String, String> filters, List<String> tenants, Instant generatedAt,
            String chainHead, List<Column> columns, List<Map<String, Object>> rows, int page, int size, long total) {
    }

    @Operation(operationId = "getReport", summary = "A report of the caller's tenants (auditors, tenant admins, platform "
            + "admins and operators): requests, approvals, lead-times, resources, quota, cost or access; format=json "
            + "(a page of rows), csv, xlsx or pdf (the whole report as a file)")
    @GetMapping("/{name}")
    @ApiResponse(responseCode = "200", description = "format=json: one page of the report; otherwise the whole file",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = ReportPage.class)),
                    @Content(mediaType = "text/csv"), @Content(mediaType = "application/pdf"),
                    @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
    ResponseEntity<ReportPage> report(@PathVariable String name,
            @Parameter(description = "a date (from its start) or an instant; default: the start of this month")
            @RequestParam(required = false) String from,
            @Parameter(description = "a date (until its end) or an instant; default: now")
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String tenant, @RequestParam(required = false) String project,
            @Parameter(description = "approvals and lead-times: one approver's decisions only")
            @RequestParam(required = false) String approver,
            @Parameter(description = "json (default), csv, xlsx or pdf") @RequestParam(required = false) String format,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @Parameter(hidden = true) HttpServletResponse response) throws IOException {
        ReportFormat as = ReportFormat.of(format);
        PageRequest pageRequest = PageRequest.of(page, size);
        ReportTable table = reports.report(callers.current(), name,
                new Reports.Params(from, to, tenant, project, approver));
        if (as == ReportFormat.JSON) {
            return ResponseEntity.ok(page(table, pageRequest));
        }
        response.setContentType(as.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(table.fileName(as)).build().toString());
        OutputStream out = response.getOutputStream();
        switch (as) {
            case CSV -> CsvExport.write(table, out);
            case XLSX -> XlsxExport.write(table, out);
            default -> pdf.write(table, out);
        }
        out.flush();
        return null; // written: nothing more for Spring MVC to render
    }

    private static Map<String, Object> row(ReportTable table, Object[] values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(table.columns().get(i).key(), values[i]);
        }
        return row;
    }

    /** The page's rows kept, the others only counted: a long report is read through once, never held. */
    private static ReportPage page(ReportTable table, PageRequest request) {
        if (table.pager() != null) {
            List<Map<String, Object>> rows = new ArrayList<>();
            table.pager().page(request.offset(), request.size()).each(values -> rows.add(row(table, values)));
            return new ReportPage(table.name().id(), table.filter().describe(), table.filter().tenants(),
                    table.generatedAt(), table.chainHead(), table.columns(), rows, request.page(), request.size(),
                    table.pager().total());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        long[] total = {0};
        table.rows().each(values -> {
            if (total[0] >= request.offset() && rows.size() < request.size()) {
                rows.add(row(table, values));
            }
            total[0]++;
        });
        return new ReportPage(table.name().id(), table.filter().describe(), table.filter().tenants(),
                table.generatedAt(), table.chainHead(), table.columns(), rows, request.page(), request.size(), total[0]);
    }
}
