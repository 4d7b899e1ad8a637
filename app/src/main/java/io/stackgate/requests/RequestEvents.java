package io.stackgate.requests;

import java.math.BigDecimal;
import java.time.Instant;

/** Domain events of the request lifecycle, published inside the transaction that makes the change. */
public final class RequestEvents {

    private RequestEvents() {
    }

    public record RequestSubmitted(String requestId, String tenantId, String projectId, String type, String requester,
            BigDecimal monthlyCost, boolean overQuota, Instant at) {
    }

    public record RequestStatusChanged(String requestId, String tenantId, String projectId, RequestStatus status,
            String actor, String reason, Instant at) {
    }

    /** The requester is to be told that the request reached {@code status}. */
    public record RequesterNotified(String requestId, String requester, RequestStatus status, String outcome,
            Instant at) {
    }

    /** A platform operator retried, resolved or acknowledged a provisioning incident. */
    public record IncidentHandled(String incidentId, String tenantId, String incidentType, String action, String by,
            String comment, Instant at) {
    }
}
