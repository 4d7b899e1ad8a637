package io.stackgate.compute.vms;

import io.stackgate.errors.DomainError;

/** The caller sees the VM but is neither its owner, a project owner nor a tenant admin (403). */
class NotYourVm extends DomainError {

    NotYourVm(String action) {
        super(Kind.FORBIDDEN, "only the VM's owner, a project owner or a tenant admin may " + action + " it");
    }
}
