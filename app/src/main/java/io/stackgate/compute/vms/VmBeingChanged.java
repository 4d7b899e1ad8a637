package io.stackgate.compute.vms;

import io.stackgate.errors.DomainError;

/** Another change (a resize or decommission) holds the VM right now (409); the caller may try again later. */
class VmBeingChanged extends DomainError {

    VmBeingChanged(String domainName) {
        super(Kind.CONFLICT, "VM " + domainName + " is being changed (resized or decommissioned); try again later");
    }
}
