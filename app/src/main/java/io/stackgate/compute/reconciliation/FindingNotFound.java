package io.stackgate.compute.reconciliation;

import io.stackgate.errors.DomainError;

/** No reconciliation finding with that id (404). */
class FindingNotFound extends DomainError {

    FindingNotFound(long id) {
        super(Kind.NOT_FOUND, "finding " + id + " not found");
    }
}
