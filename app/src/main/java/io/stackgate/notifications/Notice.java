package io.stackgate.notifications;

import java.time.Instant;
import java.util.Map;

/** A notice as its recipient reads it; {@code readAt} is absent while it is unread. */
public record Notice(long id, String kind, String tenant, String resourceKind, String resourceId, String requestId,
        String message, Map<String, Object> details, Instant createdAt, Instant readAt) {
}
