package io.stackgate.compute;

import io.stackgate.errors.DomainError;

/** How much room the fleet has is for approvers (who weigh a request) and platform operators. */
public class MayNotSeeFleet extends DomainError {

    public MayNotSeeFleet() {
        super(Kind.FORBIDDEN, "the fleet's room is for approvers, tenant admins and platform operators");
    }
}
