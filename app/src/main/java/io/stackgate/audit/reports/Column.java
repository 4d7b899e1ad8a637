package io.stackgate.audit.reports;

/**
 * A column of a report.
 *
 * @param key    the JSON field name of the column in each row
 * @param header the column's heading in the exported files
 */
public record Column(String key, String header) {
}
