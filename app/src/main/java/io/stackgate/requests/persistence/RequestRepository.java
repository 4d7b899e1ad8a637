package io.stackgate.requests.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.RequestStatus;
import io.stackgate.requests.RequestType;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.web.PageRequest;
import io.stackgate.workflow.Causes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code resource_request} table. */
@Repository
public class RequestRepository {

    /** resource_request.outcome */
    static final int OUTCOME_LENGTH = 2000;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public RequestRepository(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(ResourceRequest request) {
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

    public void attachProcess(String requestId, String processInstanceId) {
        jdbc.sql("update resource_request set process_instance_id = :pi where id = :id")
                .param("pi", processInstanceId).param("id", requestId).update();
    }

    /**
     * Moves the request to {@code to} if it is in one of {@code from}; returns false when it was not
     * (so a repeated or late transition changes nothing).
     */
    public boolean transition(String requestId, Set<RequestStatus> from, RequestStatus to, String outcome) {
        return jdbc.sql("""
                update resource_request set status = :to, outcome = coalesce(:outcome, outcome), updated_at = :now
                where id = :id and status in (:from)""")
                .param("to", to.name())
                .param("outcome", Causes.clip(outcome, OUTCOME_LENGTH))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", requestId)
                .param("from", from.stream().map(Enum::name).toList())
                .update() == 1;
    }

    /** The request's status, its row locked until the transaction ends. */
    public Optional<RequestStatus> lockStatus(String id) {
        return jdbc.sql("select status from resource_request where id = :id for update").param("id", id)
                .query(String.class).optional().map(RequestStatus::valueOf);
    }

    public List<ResourceRequest> ofType(RequestType type) {
        return jdbc.sql("select * from resource_request where type = :type").param("type", type.id())
                .query(this::map).list();
    }

    public Optional<ResourceRequest> find(String id) {
        return jdbc.sql("select * from resource_request where id = :id").param("id", id).query(this::map).optional();
    }

    /**
     * What a request list asks for: the caller's tenants, narrowed by the other fields when they are not null.
     *
     * @param requesterId the requester's subject id
     * @param text        a request id, whole or its beginning, or words of the justification (case-insensitive)
     */
    public record Search(Set<String> tenants, String tenant, String project, RequestType type, RequestStatus status,
            String requesterId, String text) {
    }

    /** One page of the requests found, newest first. */
    public List<ResourceRequest> search(Search search, PageRequest page) {
        if (search.tenants().isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        String where = where(search, params);
        params.put("limit", page.size());
        params.put("offset", page.offset());
        return jdbc.sql("select * from resource_request" + where + " order by created_at desc, id desc limit :limit offset :offset")
                .params(params).query(this::map).list();
    }

    public long count(Search search) {
        if (search.tenants().isEmpty()) {
            return 0;
        }
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from resource_request" + where(search, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(Search search, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(" where tenant_id in (:tenants)");
        params.put("tenants", List.copyOf(search.tenants()));
        if (search.tenant() != null) {
            sql.append(" and tenant_id = :tenant");
            params.put("tenant", search.tenant());
        }
        if (search.project() != null) {
            sql.append(" and project_id = :project");
            params.put("project", search.project());
        }
        if (search.type() != null) {
            sql.append(" and type = :type");
            params.put("type", search.type().id());
        }
        if (search.status() != null) {
            sql.append(" and status = :status");
            params.put("status", search.status().name());
        }
        if (search.requesterId() != null) {
            sql.append(" and requester_id = :requester");
            params.put("requester", search.requesterId());
        }
        if (search.text() != null && !search.text().isBlank()) {
            String text = search.text().strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_");
            sql.append(" and (id like :idPrefix escape '!' or lower(justification) like :words escape '!')");
            params.put("idPrefix", text + "%");
            params.put("words", "%" + text + "%");
        }
        return sql.toString();
    }

    /** These requests by id, those that exist, in one query. */
    public Map<String, ResourceRequest> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, ResourceRequest> byId = new LinkedHashMap<>();
        jdbc.sql("select * from resource_request where id in (:ids)").param("ids", List.copyOf(new LinkedHashSet<>(ids)))
                .query(this::map).list().forEach(request -> byId.put(request.id(), request));
        return byId;
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
