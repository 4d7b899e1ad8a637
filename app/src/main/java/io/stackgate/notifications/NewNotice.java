package io.stackgate.notifications;

import java.util.Collections;
import java.util.LinkedHashMap;
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

    /** The longest message and text detail kept (the table's columns): a failure's cause can be far longer. */
    static final int MAX_TEXT = 1000;

    public NewNotice {
        message = cut(message);
        Map<String, Object> kept = new LinkedHashMap<>();
        details.forEach((key, value) -> kept.put(key, value instanceof String text ? cut(text) : value));
        details = Collections.unmodifiableMap(kept);
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
