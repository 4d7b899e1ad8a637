package io.stackgate.requests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code resource_request} table. */
@Repository
class RequestRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RequestRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(ResourceRequest request) {
        jdbc.sql("""
                insert into resource_request (id, tenant_id, project_id, org_unit, type, spec, justification, requester,
                    requester_id, status, monthly_cost, currency, over_quota, created_at, updated_at)
                values (:id, :tenant, :project, :orgUnit, :type, :spec, :justification, :requester,
                    :requesterId, :status, :cost, :currency, :overQuota, :createdAt, :createdAt)""")
                .param("id", request.id())
                .param("tenant", request.tenantId())
                .param("project", request.projectId())
                .param("orgUnit", request.orgUnit())
                .param("type", request.type().id())
                .param("spec", write(request.spec()))
                .param("justification", request.justification())
                .param("requester", request.requester())
                .param("requesterId", request.requesterId())
                .param("status", request.status().name())
                .param("cost", request.monthlyCost())
                .param("currency", request.currency())
                .param("overQuota", request.overQuota())
                .param("createdAt", Timestamp.from(request.createdAt()))
                .update();
    }

    void attachProcess(String requestId, String processInstanceId) {
        jdbc.sql("update resource_request set process_instance_id = :pi where id = :id")
                .param("pi", processInstanceId).param("id", requestId).update();
    }

    /**
     * Moves the request to {@code to} if it is in one of {@code from}; returns false when it was not
     * (so a repeated or late transition changes nothing).
     */
    boolean transition(String requestId, Set<RequestStatus> from, RequestStatus to, String outcome) {
        return jdbc.sql("""
                update resource_request set status = :to, outcome = coalesce(:outcome, outcome), updated_at = :now
                where id = :id and status in (:from)""")
                .param("to", to.name())
                .param("outcome", outcome)
                .param("now", Timestamp.from(Instant.now()))
                .param("id", requestId)
                .param("from", from.stream().map(Enum::name).toList())
                .update() == 1;
    }

    List<ResourceRequest> ofType(RequestType type) {
        return jdbc.sql("select * from resource_request where type = :type").param("type", type.id())
                .query(this::map).list();
    }

    Optional<ResourceRequest> find(String id) {
        return jdbc.sql("select * from resource_request where id = :id").param("id", id).query(this::map).optional();
    }

    /** @param requester the requester's subject id, or null for anyone's */
    List<ResourceRequest> search(Set<String> tenants, String tenant, RequestStatus status, String requester, int limit) {
        if (tenants.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select * from resource_request where tenant_id in (:tenants)");
        if (tenant != null) {
            sql.append(" and tenant_id = :tenant");
        }
        if (status != null) {
            sql.append(" and status = :status");
        }
        if (requester != null) {
            sql.append(" and requester_id = :requester");
        }
        sql.append(" order by created_at desc, id limit :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("tenants", List.copyOf(tenants))
                .param("limit", limit);
        if (tenant != null) {
            statement = statement.param("tenant", tenant);
        }
        if (status != null) {
            statement = statement.param("status", status.name());
        }
        if (requester != null) {
            statement = statement.param("requester", requester);
        }
        return statement.query(this::map).list();
    }

    private ResourceRequest map(ResultSet rs, int row) throws SQLException {
        RequestType type = RequestType.of(rs.getString("type"));
        return new ResourceRequest(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("project_id"),
                rs.getString("org_unit"),
                type,
                read(rs.getString("spec"), type),
                rs.getString("justification"),
                rs.getString("requester"),
                rs.getString("requester_id"),
                RequestStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("monthly_cost"),
                rs.getString("currency"),
                rs.getBoolean("over_quota"),
                rs.getString("process_instance_id"),
                rs.getString("outcome"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private String write(RequestSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store spec", e);
        }
    }

    private RequestSpec read(String spec, RequestType type) {
        try {
            return json.readValue(spec, type.specType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored spec of type " + type.id() + " is unreadable", e);
        }
    }
}
