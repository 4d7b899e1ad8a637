package io.stackgate.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code notification} table. */
@Repository
class NoticeStore {

    /** Not delivered by any channel yet: the outbox's starting state. */
    static final String PENDING = "PENDING";

    private static final String COLUMNS = "id, kind, tenant_id, resource_kind, resource_id, request_id, message, details, "
            + "created_at, read_at";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    NoticeStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Writes the notice and answers its id; a muted one arrives read ({@code readAt} = its creation), so the bell
     * does not count it. Its deliveries are rows of {@code notification_delivery}; the old per-notice outbox columns
     * stay PENDING.
     */
    long insert(NewNotice notice, Instant at, boolean muted) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into notification (recipient_id, recipient_name, tenant_id, kind, resource_kind, resource_id, "
                        + "request_id, message, details, created_at, read_at, delivery_state, delivery_attempts) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(notice.recipientId(), notice.recipientName(), notice.tenantId(), notice.kind(),
                        notice.resourceKind(), notice.resourceId(), notice.requestId(), notice.message(),
                        write(notice.details()), Timestamp.from(at), muted ? Timestamp.from(at) : null, PENDING)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** The recipient's notices, newest first (index notification_recipient, or notification_unread). */
    Page<Notice> of(String recipientId, boolean unreadOnly, PageRequest page) {
        String where = " where recipient_id = :recipient" + (unreadOnly ? " and read_at is null" : "");
        long total = jdbc.sql("select count(*) from notification" + where).param("recipient", recipientId)
                .query(Long.class).single();
        List<Notice> items = jdbc.sql("select " + COLUMNS + " from notification" + where
                        + " order by created_at desc, id desc limit :limit offset :offset")
                .param("recipient", recipientId).param("limit", page.size()).param("offset", page.offset())
                .query(this::map).list();
        return Page.of(items, page, total);
    }

    Optional<Notice> find(String recipientId, long id) {
        return jdbc.sql("select " + COLUMNS + " from notification where id = ? and recipient_id = ?")
                .params(id, recipientId).query(this::map).optional();
    }

    /** Marks it read once; reading it again keeps the first time. */
    void markRead(String recipientId, long id, Instant at) {
        jdbc.sql("update notification set read_at = ? where id = ? and recipient_id = ? and read_at is null")
                .params(Timestamp.from(at), id, recipientId).update();
    }

    private Notice map(ResultSet rs, int row) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        return new Notice(rs.getLong("id"), rs.getString("kind"), rs.getString("tenant_id"), rs.getString("resource_kind"),
                rs.getString("resource_id"), rs.getString("request_id"), rs.getString("message"),
                read(rs.getString("details")), rs.getTimestamp("created_at").toInstant(),
                read == null ? null : read.toInstant());
    }

    private String write(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notice details are not JSON: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> read(String details) {
        try {
            return json.readValue(details, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notice details are not JSON: " + e.getMessage(), e);
        }
    }
}
