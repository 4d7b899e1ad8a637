package io.stackgate.notifications.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notification_delivery} table. Every change is one statement outside any transaction, so it is committed
 * before the worker goes on: above all the claim, which must be durable before anything is sent.
 */
@Repository
class DeliveryStore {

    static final String PENDING = "PENDING";
    static final String SENDING = "SENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";
    static final String UNCERTAIN = "UNCERTAIN";

    /** A delivery as the worker handles it. */
    record Delivery(long id, long noticeId, String channel, String state, int attempts, String lastError) {
    }

    /** The notice a delivery sends, with its recipient's language and address. */
    record Outgoing(long noticeId, String recipientId, String recipientName, String tenantId, String kind,
            String resourceKind, String resourceId, String requestId, String message, String details, Instant createdAt,
            String locale, String email) {
    }

    private static final String COLUMNS = "id, notification_id, channel, state, attempts, last_error";

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long noticeId, String channel, Instant at) {
        jdbc.sql("insert into notification_delivery (notification_id, channel, state, attempts, next_attempt_at, "
                        + "created_at) values (?, ?, ?, 0, ?, ?)")
                .params(noticeId, channel, PENDING, Timestamp.from(at), Timestamp.from(at)).update();
    }

    /** Pending deliveries whose time has come, oldest first (index notification_delivery_due). */
    List<Delivery> due(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notification_delivery where state = ? and next_attempt_at <= ? "
                        + "order by next_attempt_at, id limit ?")
                .params(PENDING, Timestamp.from(now), limit).query(this::map).list();
    }

    /** Claims that ran out: their worker died between claiming and marking (or took far too long). */
    List<Delivery> expiredClaims(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notification_delivery where state = ? and lease_until < ? "
                        + "order by lease_until, id limit ?")
                .params(SENDING, Timestamp.from(now), limit).query(this::map).list();
    }

    /** Takes the delivery for one attempt; false when another worker took it first. */
    boolean claim(Delivery delivery, Instant until) {
        return jdbc.sql("update notification_delivery set state = ?, lease_until = ?, attempts = attempts + 1 "
                        + "where id = ? and state = ? and attempts = ?")
                .params(SENDING, Timestamp.from(until), delivery.id(), PENDING, delivery.attempts()).update() == 1;
    }

    void delivered(long id, Instant at) {
        jdbc.sql("update notification_delivery set state = ?, delivered_at = ?, lease_until = null, last_error = null "
                + "where id = ? and state = ?").params(DELIVERED, Timestamp.from(at), id, SENDING).update();
    }

    void retryAt(long id, Instant next, String error) {
        jdbc.sql("update notification_delivery set state = ?, next_attempt_at = ?, lease_until = null, last_error = ? "
                + "where id = ? and state = ?").params(PENDING, Timestamp.from(next), error, id, SENDING).update();
    }

    void failed(long id, String error) {
        jdbc.sql("update notification_delivery set state = ?, lease_until = null, last_error = ? where id = ? and state = ?")
                .params(FAILED, error, id, SENDING).update();
    }

    /** An expired claim on a channel whose receiver cannot drop a repeat: maybe sent, so never sent again. */
    void uncertain(long id, String why) {
        jdbc.sql("update notification_delivery set state = ?, lease_until = null, last_error = ? where id = ? and state = ?")
                .params(UNCERTAIN, why, id, SENDING).update();
    }

    Optional<Delivery> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from notification_delivery where id = ?").param(id).query(this::map)
                .optional();
    }

    List<Delivery> ofNotice(long noticeId) {
        return jdbc.sql("select " + COLUMNS + " from notification_delivery where notification_id = ? order by id")
                .param(noticeId).query(this::map).list();
    }

    Optional<Outgoing> outgoing(long noticeId) {
        return jdbc.sql("select n.id, n.recipient_id, n.recipient_name, n.tenant_id, n.kind, n.resource_kind, "
                        + "n.resource_id, n.request_id, n.message, n.details, n.created_at, "
                        + "coalesce(p.locale, p.token_locale) as locale, p.email "
                        + "from notification n left join notification_preference p on p.user_id = n.recipient_id "
                        + "where n.id = ?")
                .param(noticeId)
                .query((rs, row) -> new Outgoing(rs.getLong("id"), rs.getString("recipient_id"),
                        rs.getString("recipient_name"), rs.getString("tenant_id"), rs.getString("kind"),
                        rs.getString("resource_kind"), rs.getString("resource_id"), rs.getString("request_id"),
                        rs.getString("message"), rs.getString("details"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("locale"), rs.getString("email")))
                .optional();
    }

    private Delivery map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Delivery(rs.getLong("id"), rs.getLong("notification_id"), rs.getString("channel"),
                rs.getString("state"), rs.getInt("attempts"), rs.getString("last_error"));
    }
}
