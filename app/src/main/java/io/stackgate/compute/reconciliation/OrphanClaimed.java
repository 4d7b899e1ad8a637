package io.stackgate.compute.reconciliation;

import io.stackgate.errors.DomainError;

/** The orphan domain changed since it was found, e.g. a record claimed it (409); reconcile again. */
class OrphanClaimed extends DomainError {

    OrphanClaimed(String domain, String host) {
        super(Kind.CONFLICT, "domain " + domain + " on host " + host + " is no longer the orphan that was found; reconcile again");
    }
}
