package io.stackgate.audit.log;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.audit.AuditEntry;
import io.stackgate.audit.ChainHead;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code audit_event} and {@code audit_head} tables: appended to, read, never updated or deleted from. */
@Repository
class AuditStore {

    static final String COLUMNS = "seq, occurred_at, actor_id, actor_name, acting_for, tenant_id, subject_kind, subject_id, "
            + "request_id, action, details, prev_hash, hash";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AuditStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The head, locked until the caller's transaction ends: appends take turns here, so the chain has one order. */
    ChainHead lockHead() {
        return jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                .query((rs, row) -> new ChainHead(rs.getLong("seq"), rs.getString("hash"))).single();
    }

    ChainHead head() {
        return jdbc.sql("select seq, hash from audit_head where id = 1")
                .query((rs, row) -> new ChainHead(rs.getLong("seq"), rs.getString("hash"))).single();
    }

    void insert(AuditEntry e) {
        jdbc.sql("insert into audit_event (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.sequence(), Timestamp.from(e.at()), e.actorId(), e.actorName(), e.actingFor(), e.tenant(),
                        e.subjectKind(), e.subjectId(), e.requestId(), e.action(), e.details(), e.prevHash(), e.hash())
                .update();
    }

    void moveHead(ChainHead head) {
        jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1").params(head.sequence(), head.hash()).update();
    }

    /** The tenant of a request, from its earlier rows (for events that name the request but not its tenant). */
    Optional<String> tenantOfRequest(String requestId) {
        return jdbc.sql("select tenant_id from audit_event where request_id = ? and tenant_id is not null "
                        + "order by seq limit 1")
                .param(requestId).query(String.class).optional();
    }

    /** Who delegated the task of this level to {@code delegate}, if the newest delegation of it went to them. */
    Optional<String> delegatorOf(String requestId, String level, String delegate) {
        return jdbc.sql("select details from audit_event where request_id = ? and action = 'approval.delegated' "
                        + "order by seq desc")
                .param(requestId).query(String.class).list().stream()
                .map(this::delegation)
                .filter(d -> level.equals(d.get("level")))
                .findFirst()
                .filter(d -> delegate.equals(d.get("to")))
                .map(d -> d.get("from"));
    }

    List<AuditEntry> ofRequest(String requestId) {
        return jdbc.sql("select " + COLUMNS + " from audit_event where request_id = ? order by seq")
                .param(requestId).query(AuditStore::map).list();
    }

    /** Rows matching a filter, newest first. */
    List<AuditEntry> find(String where, Map<String, Object> params, int limit, long offset) {
        return jdbc.sql("select " + COLUMNS + " from audit_event" + where + " order by seq desc limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset).query(AuditStore::map).list();
    }

    long count(String where, Map<String, Object> params) {
        return jdbc.sql("select count(*) from audit_event" + where).params(params).query(Long.class).single();
    }

    /** Rows after {@code afterSeq} in chain order, {@code batch} at a time, to {@code each} (verification, archive). */
    void forEachFrom(long afterSeq, long untilSeq, int batch, Consumer<AuditEntry> each) {
        long from = afterSeq;
        while (true) {
            List<AuditEntry> rows = jdbc.sql("select " + COLUMNS + " from audit_event where seq > ? and seq <= ? "
                            + "order by seq limit ?")
                    .params(from, untilSeq, batch).query(AuditStore::map).list();
            rows.forEach(each);
            if (rows.size() < batch) {
                return;
            }
            from = rows.get(rows.size() - 1).sequence();
        }
    }

    static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_id"),
                rs.getString("actor_name"), rs.getString("acting_for"), rs.getString("tenant_id"),
                rs.getString("subject_kind"), rs.getString("subject_id"), rs.getString("request_id"),
                rs.getString("action"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private Map<String, String> delegation(String details) {
        try {
            JsonNode node = json.readTree(details);
            return Map.of("level", node.path("level").asText(), "from", node.path("from").asText(),
                    "to", node.path("to").asText());
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
