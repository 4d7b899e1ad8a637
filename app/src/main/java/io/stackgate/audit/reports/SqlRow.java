package io.stackgate.audit.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reading columns of a streamed row without checked exceptions. */
final class SqlRow {

    private final ResultSet rs;

    SqlRow(ResultSet rs) {
        this.rs = rs;
    }

    String text(String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long number(String column) {
        try {
            return rs.getLong(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Long nullableNumber(String column) {
        try {
            long value = rs.getLong(column);
            return rs.wasNull() ? null : value;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean flag(String column) {
        try {
            return rs.getBoolean(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    java.math.BigDecimal decimal(String column) {
        try {
            return rs.getBigDecimal(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Instant instant(String column) {
        try {
            Timestamp value = rs.getTimestamp(column);
            return value == null ? null : value.toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
