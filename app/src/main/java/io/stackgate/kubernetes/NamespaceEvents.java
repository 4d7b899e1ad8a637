package io.stackgate.kubernetes;

import java.time.Instant;

import io.stackgate.tenancy.Quota;

/** What happens to project namespaces, for the request's timeline and the audit log. */
public final class NamespaceEvents {

    private NamespaceEvents() {
    }

    /** A step of a namespace request finished ({@code compensated}: the namespace was deleted again). */
    public record NamespaceStepDone(String requestId, String tenantId, String cluster, String namespace, String step,
            boolean compensated, Instant at) {
    }

    /** The namespace of a request was deleted by a decommission. */
    public record NamespaceDeleted(String requestId, String tenantId, String cluster, String namespace, String byRequest,
            Instant at) {
    }

    /** An approved quota change grew a namespace's share of its project's quota. */
    public record NamespaceShareRaised(String namespaceRequestId, String quotaChangeRequestId, String tenantId,
            String cluster, String namespace, Quota amount, Quota share, Instant at) {
    }

    /** A namespace was brought back to its declaration. */
    public record NamespaceCorrected(String tenantId, String cluster, String namespace, String what, Instant at) {
    }
}
