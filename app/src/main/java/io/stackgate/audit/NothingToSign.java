package io.stackgate.audit;

import io.stackgate.errors.DomainError;

/** The audit log is still empty: there is no head to sign. */
public class NothingToSign extends DomainError {

    public NothingToSign() {
        super(Kind.CONFLICT, "the audit log is empty: there is nothing to sign yet");
    }
}
