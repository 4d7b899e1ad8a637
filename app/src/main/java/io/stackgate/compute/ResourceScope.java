package io.stackgate.compute;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The filter every resource listing shares: the caller's tenants, and optionally one tenant, project, state and
 * request, as the {@code where} clause of a table with {@code tenant_id}, {@code project_id}, {@code state} and
 * {@code request_id} columns; its count and the page of it a listing answers. Each resource table's primary key begins
 * with {@code request_id}, so a request's resources are one indexed lookup.
 */
public record ResourceScope(Collection<String> tenants, String tenant, String project, String state, String request) {

    public ResourceScope(Collection<String> tenants, String tenant, String project, String state) {
        this(tenants, tenant, project, state, null);
    }

    /** The caller sees no tenant: there is nothing to ask the database. */
    public boolean none() {
        return tenants.isEmpty();
    }

    /** {@code " where tenant_id in (:tenants) and …"}, with the named parameters of {@link #params()}. */
    public String where() {
        StringBuilder sql = new StringBuilder(" where tenant_id in (:tenants)");
        if (tenant != null) {
            sql.append(" and tenant_id = :tenant");
        }
        if (project != null) {
            sql.append(" and project_id = :project");
        }
        if (state != null) {
            sql.append(" and state = :state");
        }
        if (request != null) {
            sql.append(" and request_id = :request");
        }
        return sql.toString();
    }

    /** How many rows of the table (with {@code tenant_id}, {@code project_id}, {@code state}, {@code request_id}) are in the scope. */
    public long count(JdbcClient jdbc, String table) {
        if (none()) {
            return 0;
        }
        return jdbc.sql("select count(*) from " + table + where()).params(params()).query(Long.class).single();
    }

    /**
     * Rows {@code offset} to {@code offset + limit} of the scope, one query: {@code select} names the columns and the
     * table ({@code select … from t}), {@code order} must be total (end on a key) so that pages neither repeat nor
     * skip rows.
     */
    public <T> List<T> page(JdbcClient jdbc, String select, String order, long offset, int limit, RowMapper<T> rows) {
        if (none()) {
            return List.of();
        }
        Map<String, Object> params = params();
        params.put("offset", offset);
        params.put("limit", limit);
        return jdbc.sql(select + where() + " order by " + order + " limit :limit offset :offset").params(params)
                .query(rows).list();
    }

    public Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        params.put("tenants", tenants);
        if (tenant != null) {
            params.put("tenant", tenant);
        }
        if (project != null) {
            params.put("project", project);
        }
        if (state != null) {
            params.put("state", state);
        }
        if (request != null) {
            params.put("request", request);
        }
        return params;
    }
}
