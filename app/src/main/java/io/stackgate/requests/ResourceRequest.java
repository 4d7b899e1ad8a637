package io.stackgate.requests;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A request as the platform keeps it. The engine holds only its id and what the flow branches on.
 *
 * @param requester   the requester's username, for display
 * @param requesterId the requester's subject (token {@code sub}): ownership and separation of duties go by it
 */
public record ResourceRequest(
        String id,
        String tenantId,
        String projectId,
        String orgUnit,
        RequestType type,
        RequestSpec spec,
        String justification,
        String requester,
        String requesterId,
        RequestStatus status,
        BigDecimal monthlyCost,
        String currency,
        boolean overQuota,
        String processInstanceId,
        String outcome,
        Instant createdAt,
        Instant updatedAt) {
}
