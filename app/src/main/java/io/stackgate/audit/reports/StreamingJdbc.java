package io.stackgate.audit.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a report's rows one at a time, never the whole result: MySQL Connector/J streams only with a fetch size of
 * {@link Integer#MIN_VALUE}; H2 and other drivers take a positive fetch size as the batch to hold.
 */
@Component
class StreamingJdbc {

    private static final int BATCH = 1000;

    private final NamedParameterJdbcTemplate jdbc;

    StreamingJdbc(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(isMySql(dataSource) ? Integer.MIN_VALUE : BATCH);
        this.jdbc = new NamedParameterJdbcTemplate(template);
    }

    /** Hands each row of the query to {@code row}, in order, as the driver reads it. */
    void query(String sql, Map<String, ?> params, Consumer<java.sql.ResultSet> row) {
        jdbc.query(sql, params, (RowCallbackHandler) rs -> row.accept(rs));
    }

    private static boolean isMySql(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL().toLowerCase(Locale.ROOT).startsWith("jdbc:mysql:");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the database's driver", e);
        }
    }
}
