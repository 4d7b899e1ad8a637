package io.stackgate.notifications;

import java.util.Map;

/**
 * A notice to write for one person.
 *
 * @param recipientId   the recipient's subject (the token's {@code sub}): only they read it
 * @param recipientName their username, for display (and mail later)
 * @param kind          what happened, e.g. {@code LEASE_EXPIRED}
 * @param resourceKind  what it is about, e.g. {@code vm}, with {@code resourceId} its id (the domain name)
 * @param details       the event's facts, kept as a JSON object
 */
public record NewNotice(String recipientId, String recipientName, String tenantId, String kind, String resourceKind,
        String resourceId, String requestId, String message, Map<String, Object> details) {

    public NewNotice {
        details = Map.copyOf(details);
    }
}
