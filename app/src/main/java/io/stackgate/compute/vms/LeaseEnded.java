package io.stackgate.compute.vms;

import java.time.Instant;

import io.stackgate.errors.DomainError;

/** The VM's lease ended: it stays off until a lease renewal is approved (409). */
class LeaseEnded extends DomainError {

    LeaseEnded(String domainName, Instant endedAt, String requestId) {
        super(Kind.CONFLICT, "the lease of VM " + domainName + " ended at " + endedAt
                + "; it stays off until a lease renewal is approved: submit a request of type lease-renewal for request "
                + requestId);
    }
}
