package io.stackgate.compute.vms;

import io.stackgate.errors.DomainError;

/** No VM of that domain name, or none the caller may see (404). */
class VmNotFound extends DomainError {

    VmNotFound(String domainName) {
        super(Kind.NOT_FOUND, "VM " + domainName + " not found");
    }
}
