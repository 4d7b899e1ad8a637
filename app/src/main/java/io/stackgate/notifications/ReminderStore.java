package io.stackgate.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_reminder} table: notices to write when they are due. */
@Repository
class ReminderStore {

    record Reminder(long id, NewNotice notice) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ReminderStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void schedule(String subject, Instant due, NewNotice notice, Instant now) {
        cancel(subject);
        jdbc.sql("insert into notification_reminder (subject, due_at, state, notice, created_at) values (?, ?, 'PENDING', ?, ?)")
                .params(subject, Timestamp.from(due), write(notice), Timestamp.from(now)).update();
    }

    void cancel(String subject) {
        jdbc.sql("update notification_reminder set state = 'CANCELLED' where subject = ? and state = 'PENDING'")
                .param(subject).update();
    }

    List<Reminder> due(Instant now, int limit) {
        return jdbc.sql("select id, notice from notification_reminder where state = 'PENDING' and due_at <= ? "
                        + "order by due_at, id limit ?")
                .params(Timestamp.from(now), limit)
                .query((rs, row) -> new Reminder(rs.getLong("id"), read(rs.getString("notice")))).list();
    }

    /** Takes the reminder to write its notice; false when another round (or a cancel) got to it first. */
    boolean take(long id) {
        return jdbc.sql("update notification_reminder set state = 'WRITTEN' where id = ? and state = 'PENDING'")
                .param(id).update() == 1;
    }

    private String write(NewNotice notice) {
        try {
            return json.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("reminder notice is not JSON: " + e.getMessage(), e);
        }
    }

    private NewNotice read(String notice) {
        try {
            return json.readValue(notice, NewNotice.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reminder is not JSON: " + e.getMessage(), e);
        }
    }
}
