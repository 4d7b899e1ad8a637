package io.stackgate.compute;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The filter every resource listing shares: the caller's tenants, and optionally one tenant, project and state, as
 * the {@code where} clause of a table with {@code tenant_id}, {@code project_id} and {@code state} columns; and the
 * page of it a listing answers ({@link #page}).
 */
public record ResourceScope(Collection<String> tenants, String tenant, String project, String state) {

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
        return sql.toString();
    }

    /**
     * {@code " order by <order> limit :limit offset :offset"}: one page of the listing, with the parameters of
     * {@link #params(long, int)}. The order must be total (end on a key) so that pages neither repeat nor skip rows.
     */
    public static String page(String order) {
        return " order by " + order + " limit :limit offset :offset";
    }

    /** {@link #params()} and those of {@link #page}. */
    public Map<String, Object> params(long offset, int limit) {
        Map<String, Object> params = params();
        params.put("offset", offset);
        params.put("limit", limit);
        return params;
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
        return params;
    }
}
