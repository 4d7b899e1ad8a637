package io.stackgate.compute;

import java.time.Instant;

import io.stackgate.compute.reconciliation.Reconciliation;

/** Domain events of reconciliation, published inside the transaction that records them. */
public final class ReconciliationEvents {

    private ReconciliationEvents() {
    }

    /** Reconciliation found a new disagreement between a host and the records. */
    public record FindingOpened(long findingId, String host, String domain, Finding.Kind kind, String requestId,
            Integer vmIndex, String tenantId, String detail, Instant at) {
    }

    /** @param by the operator, or null when reconciliation saw the condition end */
    public record FindingResolved(long findingId, String host, String domain, Finding.Kind kind,
            Finding.Resolution resolution, String by, Instant at) {
    }

    /** Reconciliation changed a VM's recorded state to what its host shows. */
    public record VmStateCorrected(String requestId, int vmIndex, String tenantId, String host, String domain,
            VmState from, VmState to, String reason, Instant at) {
    }
}
