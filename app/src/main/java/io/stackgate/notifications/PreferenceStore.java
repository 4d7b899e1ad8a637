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

    Optional<String> tokenLocale(String userId) {
        return jdbc.sql("select token_locale from notification_preference where user_id = ?").param(userId)
                .query((rs, row) -> Optional.ofNullable(rs.getString("token_locale"))).optional()
                .flatMap(locale -> locale);
    }

    /** Remembers the locale of the person's token; writes only when it changed. */
    void tokenLocaleSeen(String userId, String username, String locale, Instant at) {
        boolean known = jdbc.sql("select count(*) from notification_preference where user_id = ?").param(userId)
                .query(Long.class).single() > 0;
        if (!known) {
            jdbc.sql("insert into notification_preference (user_id, username, token_locale, muted_kinds, updated_at) "
                    + "values (?, ?, ?, '', ?)").params(userId, username, locale, Timestamp.from(at)).update();
        } else {
            jdbc.sql("update notification_preference set token_locale = ? where user_id = ? "
                    + "and (token_locale is null or token_locale <> ?)").params(locale, userId, locale).update();
        }
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
