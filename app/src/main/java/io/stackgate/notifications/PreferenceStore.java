package io.stackgate.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_preference} table: one row per person who set any. */
@Repository
class PreferenceStore {

    private final JdbcClient jdbc;

    PreferenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Preferences> find(String userId) {
        return jdbc.sql("select locale, email, muted_kinds from notification_preference where user_id = ?")
                .param(userId)
                .query((rs, row) -> new Preferences(rs.getString("locale"), rs.getString("email"),
                        split(rs.getString("muted_kinds"))))
                .optional();
    }

    void save(String userId, String username, Preferences preferences, Instant at) {
        String muted = String.join(",", preferences.mutedKinds());
        int updated = jdbc.sql("update notification_preference set username = ?, locale = ?, email = ?, muted_kinds = ?, "
                        + "updated_at = ? where user_id = ?")
                .params(username, preferences.locale(), preferences.email(), muted, Timestamp.from(at), userId).update();
        if (updated == 0) {
            jdbc.sql("insert into notification_preference (user_id, username, locale, email, muted_kinds, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(userId, username, preferences.locale(), preferences.email(), muted, Timestamp.from(at))
                    .update();
        }
    }

    private static List<String> split(String muted) {
        return muted == null || muted.isBlank() ? List.of() : Arrays.asList(muted.split(","));
    }
}
