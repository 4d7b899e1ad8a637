package io.stackgate.compute.vms;

import io.stackgate.compute.VmState;
import io.stackgate.errors.DomainError;

/** The VM is not in a state that allows the action (409). */
class VmNotInState extends DomainError {

    VmNotInState(String domainName, VmState state, String allowed) {
        super(Kind.CONFLICT, "VM " + domainName + " is " + state + ": " + allowed);
    }
}
