package io.stackgate.requests;

import io.stackgate.errors.DomainError;

/** Retrying or resolving an incident is for platform admins and operators. */
public class NotAnIncidentOperator extends DomainError {

    public NotAnIncidentOperator() {
        super(Kind.FORBIDDEN, "retrying and resolving incidents is for platform admins and operators");
    }
}
