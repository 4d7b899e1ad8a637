package io.stackgate.compute;

import io.stackgate.errors.DomainError;

/** Hosts and reconciliation are for platform admins and operators (403). */
public class NotAnOperator extends DomainError {

    public NotAnOperator(String what) {
        super(Kind.FORBIDDEN, what + " is for platform admins and operators");
    }
}
