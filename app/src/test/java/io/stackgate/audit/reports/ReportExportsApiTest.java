package io.stackgate.audit.reports;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.identity.DevIdentity;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.StackgateTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The exports say what the JSON says: in February 2034 alice's small VM is approved by bob with a Chinese comment and
 * runs; each report's CSV is parsed, its XLSX read back with POI and its PDF's text extracted with PDFBox, and each
 * is compared with the report's JSON rows (the PDF: every row's cells, the Chinese comment among them, and the header).
 */
@StackgateTest
@Import(ReportClock.Config.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportExportsApiTest {

    static final String QUERY = "from=2034-02-01&to=2034-02-28&tenant=acme";
    static final String COMMENT = "同意，上线 approved, \"quoted\"";

    @Autowired
    Api api;

    @Autowired
    Jobs jobs;

    @Autowired
    ReportClock clock;

    @Autowired
    DevIdentity identities;

    @Autowired
    Environment environment;

    @BeforeAll
    void aChineseCommentedApproval() {
        clock.set(Instant.parse("2034-02-10T08:00:00Z"));
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        clock.set(Instant.parse("2034-02-10T09:30:00Z"));
        String task = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + task + "/approve", Map.of("comment", COMMENT)).status())
                .isEqualTo(204);
        jobs.run(id);
        clock.set(Instant.parse("2034-03-01T10:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"requests", "approvals", "lead-times", "resources", "quota", "cost", "access"})
    void theCsvHoldsTheJsonRows(String report) {
        JsonNode json = json(report);
        ResponseEntity<byte[]> csv = download(report, "csv");
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"stackgate-" + report + "-2034-02-01-2034-03-01.csv\"");
        List<List<String>> lines = Csv.parse(new String(csv.getBody(), StandardCharsets.UTF_8).replaceFirst("^\uFEFF", ""));
        assertThat(lines.get(0)).containsExactlyElementsOf(keys(json));
        assertThat(lines).hasSize(json.path("rows").size() + 1);
        for (int r = 0; r < json.path("rows").size(); r++) {
            List<String> line = lines.get(r + 1);
            List<String> keys = keys(json);
            for (int c = 0; c < keys.size(); c++) {
                assertSame(json.path("rows").get(r).path(keys.get(c)), line.get(c), report + " row " + r + " " + keys.get(c));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"requests", "approvals", "lead-times", "cost"})
    void theXlsxHoldsTheJsonRowsAndTheHeaderFacts(String report) throws IOException {
        JsonNode json = json(report);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download(report, "xlsx").getBody()))) {
            Sheet sheet = workbook.getSheet("report");
            List<String> keys = keys(json);
            for (int c = 0; c < keys.size(); c++) {
                assertThat(sheet.getRow(0).getCell(c).getStringCellValue()).isEqualTo(keys.get(c));
            }
            assertThat(sheet.getLastRowNum()).isEqualTo(json.path("rows").size());
            for (int r = 0; r < json.path("rows").size(); r++) {
                Row row = sheet.getRow(r + 1);
                for (int c = 0; c < keys.size(); c++) {
                    assertSame(json.path("rows").get(r).path(keys.get(c)), text(row.getCell(c)),
                            report + " row " + r + " " + keys.get(c));
                }
            }
            Sheet about = workbook.getSheet("about");
            Map<String, String> facts = new java.util.HashMap<>();
            about.forEach(row -> facts.put(row.getCell(0).getStringCellValue(), row.getCell(1).getStringCellValue()));
            assertThat(facts).containsEntry("report", report).containsEntry("from", "2034-02-01T00:00:00Z")
                    .containsEntry("chainHead", json.path("chainHead").asText())
                    .containsEntry("generatedAt", json.path("generatedAt").asText());
        }
    }

    @Test
    void thePdfShowsTheHeaderAndEveryRowChineseIncluded() throws IOException {
        JsonNode json = json("approvals");
        ResponseEntity<byte[]> pdf = download("approvals", "pdf");
        assertThat(pdf.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).contains("报表 Report: approvals", "审计链头 Audit chain head: " + json.path("chainHead").asText(),
                "生成时间 Generated at: " + json.path("generatedAt").asText(), "from=2034-02-01T00:00:00Z", "tenants=acme");
        assertThat(json.path("rows")).hasSize(1);
        for (JsonNode row : json.path("rows")) {
            assertThat(text).contains(row.path("requestId").asText(), row.path("comment").asText(),
                    row.path("decidedAt").asText(), row.path("leadSeconds").asText(), row.path("approver").asText());
        }
        assertThat(json.path("rows").get(0).path("comment").asText()).isEqualTo(COMMENT);
    }

    private JsonNode json(String report) {
        Api.Response response = api.as("maya").get("/api/reports/" + report + "?" + QUERY + "&size=200");
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("total").asLong()).isEqualTo(response.body().path("rows").size());
        return response.body();
    }

    private ResponseEntity<byte[]> download(String report, String format) {
        ResponseEntity<byte[]> response = RestClient.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"))
                .get().uri("/api/reports/" + report + "?" + QUERY + "&format=" + format)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + identities.tokenFor("maya"))
                .retrieve().toEntity(byte[].class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response;
    }

    private static List<String> keys(JsonNode report) {
        List<String> keys = new ArrayList<>();
        report.path("columns").forEach(column -> keys.add(column.path("key").asText()));
        return keys;
    }

    /** A JSON value and an exported cell agree: numbers by value, absent as empty, the rest as text. */
    private static void assertSame(JsonNode json, String exported, String where) {
        if (json.isMissingNode() || json.isNull()) {
            assertThat(exported).as(where).isEmpty();
        } else if (json.isNumber()) {
            assertThat(new BigDecimal(exported)).as(where).isEqualByComparingTo(json.decimalValue());
        } else {
            assertThat(exported).as(where).isEqualTo(json.asText());
        }
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            return BigDecimal.valueOf(cell.getNumericCellValue()).toPlainString();
        }
        if (cell.getCellType() == CellType.BOOLEAN) {
            return String.valueOf(cell.getBooleanCellValue());
        }
        return cell.getStringCellValue();
    }

    /** RFC 4180 as the export writes it: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static final class Csv {

        static List<List<String>> parse(String text) {
            List<List<String>> lines = new ArrayList<>();
            List<String> line = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    line.add(cell.toString());
                    cell.setLength(0);
                } else if (ch == '\r') {
                    continue;
                } else if (ch == '\n') {
                    line.add(cell.toString());
                    cell.setLength(0);
                    lines.add(line);
                    line = new ArrayList<>();
                } else {
                    cell.append(ch);
                }
            }
            return lines;
        }
    }
}
