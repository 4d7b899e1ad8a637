package io.stackgate.notifications;

import java.time.Clock;

import io.stackgate.identity.Caller;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notices for people. A capability's event listener writes one inside the transaction of the event (so a notice
 * exists exactly when its cause committed); each person reads and marks only their own.
 */
@Service
public class Notifications {

    private final NoticeStore store;
    private final Clock clock;

    Notifications(NoticeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Writes the notice in the caller's transaction (the one that makes the change it tells of). */
    @Transactional
    public void notify(NewNotice notice) {
        store.insert(notice, clock.instant());
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
}
