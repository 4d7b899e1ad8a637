package io.stackgate.notifications;

import io.stackgate.errors.DomainError;

/** No notice of that id for the caller: it does not exist, or it is someone else's. */
public class NotificationNotFound extends DomainError {

    public NotificationNotFound(long id) {
        super(Kind.NOT_FOUND, "notification " + id + " not found");
    }
}
