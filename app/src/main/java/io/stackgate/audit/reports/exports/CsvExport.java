package io.stackgate.audit.reports.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.stackgate.audit.reports.Column;
import io.stackgate.audit.reports.ReportTable;

/**
 * RFC 4180 CSV, UTF-8 with a byte-order mark (so that spreadsheet programs read Chinese right), written row by row as
 * the rows are read: memory stays constant however long the report.
 */
public final class CsvExport {

    private CsvExport() {
    }

    public static void write(ReportTable table, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write('\uFEFF');
        writer.write(String.join(",", table.columns().stream().map(Column::key).map(CsvExport::quote).toList()));
        writer.write("\r\n");
        try {
            table.rows().each(row -> {
                try {
                    for (int i = 0; i < row.length; i++) {
                        if (i > 0) {
                            writer.write(',');
                        }
                        writer.write(quote(Cells.text(row[i])));
                    }
                    writer.write("\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
