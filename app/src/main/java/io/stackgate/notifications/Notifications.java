package io.stackgate.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.notifications.delivery.Outbox;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notices for people. A capability's event listener writes one inside the transaction of the event (so a notice
 * exists exactly when its cause committed), together with its deliveries (mail, the tenant's webhooks) that the
 * delivery worker sends later; each person reads and marks only their own, and sets how they want to be told.
 */
@Service
public class Notifications {

    private final NoticeStore store;
    private final PreferenceStore preferences;
    private final ReminderStore reminders;
    private final Outbox outbox;
    private final Clock clock;

    Notifications(NoticeStore store, PreferenceStore preferences, ReminderStore reminders, Outbox outbox, Clock clock) {
        this.store = store;
        this.reminders = reminders;
        this.preferences = preferences;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Writes the notice and its deliveries in the caller's transaction (the one that makes the change it tells of).
     * A kind the recipient muted is written read, and neither mailed nor counted unread; the tenant's webhooks still
     * get it (they are the tenant's, not the person's).
     */
    @Transactional
    public void notify(NewNotice notice) {
        Instant now = clock.instant();
        Preferences wanted = preferencesOf(notice.recipientId());
        boolean muted = wanted.mutes(notice.kind());
        long id = store.insert(notice, now, muted);
        outbox.enqueue(id, notice, muted ? null : wanted.email(), now);
    }

    /**
     * Writes the notice when {@code due} comes (see {@link #writeDueReminders}), in the caller's transaction; a later
     * schedule for the same subject replaces an earlier one.
     */
    @Transactional
    public void remind(String subject, Instant due, NewNotice notice) {
        reminders.schedule(subject, due, notice, clock.instant());
    }

    /** The reminder of this subject will not be written (what it warned of will not happen, or happened). */
    @Transactional
    public void cancelReminder(String subject) {
        reminders.cancel(subject);
    }

    /** Writes the notices of reminders that are due, each once, each with its deliveries; answers how many. */
    @Transactional
    public int writeDueReminders(Instant now) {
        int written = 0;
        for (ReminderStore.Reminder reminder : reminders.due(now, 500)) {
            if (reminders.take(reminder.id())) {
                notify(reminder.notice());
                written++;
            }
        }
        return written;
    }

    /** The caller's own notices, newest first; only the unread ones when asked. */
    @Transactional(readOnly = true)
    public Page<Notice> mine(Caller caller, boolean unreadOnly, PageRequest page) {
        return store.of(caller.id(), unreadOnly, page);
    }

    /** Marks one of the caller's notices read; anyone else's is not found. */
    @Transactional
    public Notice markRead(Caller caller, long id) {
        store.find(caller.id(), id).orElseThrow(() -> new NotificationNotFound(id));
        store.markRead(caller.id(), id, clock.instant());
        return store.find(caller.id(), id).orElseThrow();
    }

    /** The person's preferences; someone who never set any: English, no mail, nothing muted. */
    @Transactional(readOnly = true)
    public Preferences preferencesOf(String userId) {
        return preferences.find(userId).orElse(new Preferences(null, null, List.of()));
    }

    /**
     * The language the person's mail is in: their choice, else their token's {@code locale} claim as last seen, else
     * English.
     */
    @Transactional(readOnly = true)
    public String localeOf(String userId) {
        Preferences chosen = preferencesOf(userId);
        return chosen.locale() != null ? chosen.locale()
                : preferences.tokenLocale(userId).orElse(Preferences.DEFAULT_LOCALE);
    }

    /**
     * Remembers the {@code locale} claim of the caller's token ({@code zh}, {@code zh-CN}, {@code zh_CN} count as
     * Chinese, any {@code en…} as English; others are ignored), for mail to someone who chose no language.
     */
    @Transactional
    public void tokenLocaleSeen(Caller caller, String claim) {
        String locale = claim == null ? null
                : claim.toLowerCase(Locale.ROOT).startsWith("zh") ? "zh-CN"
                : claim.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : null;
        if (locale != null) {
            preferences.tokenLocaleSeen(caller.id(), caller.username(), locale, clock.instant());
        }
    }

    /** Replaces the caller's preferences after checking each field (a 400 names the first wrong one). */
    @Transactional
    public Preferences updatePreferences(Caller caller, Preferences wanted) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (wanted.locale() != null && !Preferences.LOCALES.contains(wanted.locale())) {
            errors.add(new InvalidInput.FieldError("locale", "one of " + Preferences.LOCALES));
        }
        String email = wanted.email() == null || wanted.email().isBlank() ? null : wanted.email().trim();
        if (email != null && (email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            errors.add(new InvalidInput.FieldError("email", "not an e-mail address"));
        }
        List<String> muted = wanted.mutedKinds().stream().map(kind -> kind.toUpperCase(Locale.ROOT)).distinct().toList();
        muted.stream().filter(kind -> !NoticeKind.known(kind)).findFirst().ifPresent(kind -> errors.add(
                new InvalidInput.FieldError("mutedKinds", "unknown kind " + kind + "; known: " + NoticeKind.names())));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Preferences saved = new Preferences(wanted.locale(), email, muted);
        preferences.save(caller.id(), caller.username(), saved, clock.instant());
        return saved;
    }
}
