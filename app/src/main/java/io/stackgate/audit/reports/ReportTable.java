package io.stackgate.audit.reports;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A report ready to be written: its header facts, its columns and its rows, which are read when written (a large
 * report streams from the database, one row at a time, so that no format holds it all in memory).
 *
 * @param chainHead the audit chain's head hash when the report was made ({@code none} without an audit log)
 */
public record ReportTable(ReportName name, ReportFilter filter, Instant generatedAt, String chainHead,
        List<Column> columns, Rows rows, Pager pager) {

    public ReportTable {
        columns = List.copyOf(columns);
    }

    /** A long report's page read by the database (a count and one page), not by reading every row; null: none. */
    public interface Pager {

        long total();

        Rows page(long offset, int size);
    }

    /** The rows, each an array in the order of the columns; read them once. */
    @FunctionalInterface
    public interface Rows {

        void each(Consumer<Object[]> row);

        static Rows of(List<Object[]> rows) {
            return rows::forEach;
        }
    }

    /** The file name an export goes by: {@code stackgate-<report>-<from date>-<to date>.<ext>}. */
    public String fileName(ReportFormat format) {
        return "stackgate-" + name.id() + "-" + filter.from().toString().substring(0, 10) + "-"
                + filter.to().toString().substring(0, 10) + "." + format.extension();
    }
}
