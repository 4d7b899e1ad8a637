package io.stackgate.compute;

/** A hypervisor refused or could not be reached; the message is libvirt's. */
class HypervisorFailure extends RuntimeException {

    HypervisorFailure(String host, String message, Throwable cause) {
        super(host + ": " + message, cause);
    }
}
