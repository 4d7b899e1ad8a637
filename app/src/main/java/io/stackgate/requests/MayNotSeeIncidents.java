package io.stackgate.requests;

import io.stackgate.errors.DomainError;

/** Incidents (stuck provisioning steps) are for platform operators and tenant admins. */
public class MayNotSeeIncidents extends DomainError {

    public MayNotSeeIncidents() {
        super(Kind.FORBIDDEN, "incidents are for platform operators and tenant admins");
    }
}
