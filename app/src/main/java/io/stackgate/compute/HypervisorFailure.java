package io.stackgate.compute;

/** A hypervisor refused or could not be reached; the message is the host's name and libvirt's (or our) reason. */
public class HypervisorFailure extends RuntimeException {

    private final String reason;

    public HypervisorFailure(String host, String message, Throwable cause) {
        super(host + ": " + message, cause);
        this.reason = message;
    }

    /** The reason without the host's name. */
    public String reason() {
        return reason;
    }
}
