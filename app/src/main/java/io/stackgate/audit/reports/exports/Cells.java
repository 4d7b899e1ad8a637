package io.stackgate.audit.reports.exports;

/** How a cell reads in a text format: empty for nothing, everything else as its JSON would show it. */
final class Cells {

    private Cells() {
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
