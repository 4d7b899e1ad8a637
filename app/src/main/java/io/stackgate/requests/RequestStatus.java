package io.stackgate.requests;

import java.util.Set;

/** Where a request stands. Terminal states never change again. */
public enum RequestStatus {
    SUBMITTED, PENDING_APPROVAL, APPROVED, PROVISIONING, COMPLETED, REJECTED, CANCELLED, FAILED;

    private static final Set<RequestStatus> TERMINAL = Set.of(COMPLETED, REJECTED, CANCELLED, FAILED);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** A request may be cancelled until provisioning starts. */
    public boolean isCancellable() {
        return this == SUBMITTED || this == PENDING_APPROVAL || this == APPROVED;
    }
}
