package io.stackgate.approvals;

import io.stackgate.errors.DomainError;

/** The action would let one person both ask for and decide a request, or decide two of its levels. */
public class SeparationOfDuties extends DomainError {

    public SeparationOfDuties(String message) {
        super(Kind.FORBIDDEN, message);
    }
}
