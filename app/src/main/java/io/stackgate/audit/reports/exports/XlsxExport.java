package io.stackgate.audit.reports.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Map;

import io.stackgate.audit.reports.Column;
import io.stackgate.audit.reports.ReportTable;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An XLSX workbook written with POI's streaming writer (a window of rows in memory, the rest flushed to a temporary
 * file): sheet {@code report} holds the table with the column keys as its first row, sheet {@code about} the
 * report's name, filters, generation time and the audit chain's head.
 */
public final class XlsxExport {

    private static final int WINDOW = 200;

    private XlsxExport() {
    }

    public static void write(ReportTable table, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        try {
            Sheet sheet = workbook.createSheet("report");
            Row header = sheet.createRow(0);
            for (int i = 0; i < table.columns().size(); i++) {
                Column column = table.columns().get(i);
                header.createCell(i).setCellValue(column.key());
            }
            int[] next = {1};
            table.rows().each(values -> {
                Row row = sheet.createRow(next[0]++);
                for (int i = 0; i < values.length; i++) {
                    Object value = values[i];
                    if (value instanceof Long || value instanceof Integer) {
                        row.createCell(i).setCellValue(((Number) value).doubleValue());
                    } else if (value instanceof BigDecimal decimal) {
                        row.createCell(i).setCellValue(decimal.doubleValue());
                    } else if (value instanceof Boolean flag) {
                        row.createCell(i).setCellValue(flag);
                    } else if (value != null) {
                        row.createCell(i).setCellValue(value.toString());
                    }
                }
            });
            Sheet about = workbook.createSheet("about");
            int line = 0;
            for (Map.Entry<String, String> fact : Headers.facts(table).entrySet()) {
                Row row = about.createRow(line++);
                row.createCell(0).setCellValue(fact.getKey());
                row.createCell(1).setCellValue(fact.getValue());
            }
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }
}
