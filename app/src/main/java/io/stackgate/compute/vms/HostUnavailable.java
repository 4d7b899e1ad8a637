package io.stackgate.compute.vms;

import io.stackgate.errors.DomainError;

/** The VM's host could not be reached or did not answer in time (503): the host is unavailable, not the server broken. */
class HostUnavailable extends DomainError {

    HostUnavailable(String host, String reason) {
        super(Kind.UNAVAILABLE, "host " + host + " is unavailable: " + reason);
    }
}
