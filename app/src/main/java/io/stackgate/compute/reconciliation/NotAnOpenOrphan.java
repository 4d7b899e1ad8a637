package io.stackgate.compute.reconciliation;

import io.stackgate.errors.DomainError;

/** Only the domain of an open ORPHAN finding can be destroyed (409). */
class NotAnOpenOrphan extends DomainError {

    NotAnOpenOrphan(long id, String what) {
        super(Kind.CONFLICT, "only the domain of an open ORPHAN finding can be destroyed; finding " + id + " is " + what);
    }
}
