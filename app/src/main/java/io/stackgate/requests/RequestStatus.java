package io.stackgate.requests;

import java.util.Set;

/** Where a request stands. Terminal states never change again. */
public enum RequestStatus {
    SUBMITTED, PENDING_APPROVAL, APPROVED, PROVISIONING, COMPLETED, REJECTED, CANCELLED, FAILED;

    private static final Set<RequestStatus> TERMINAL = Set.of(COMPLETED, REJECTED, CANCELLED, FAILED);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** The states a cancel may move a request out of: until it is approved (then provisioning begins at once). */
    public static final Set<RequestStatus> CANCELLABLE = Set.of(SUBMITTED, PENDING_APPROVAL);

    /** A request may be cancelled until it is approved. */
    public boolean isCancellable() {
        return CANCELLABLE.contains(this);
    }
}
