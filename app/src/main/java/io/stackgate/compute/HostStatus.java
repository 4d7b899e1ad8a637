package io.stackgate.compute;

import java.time.Instant;

/**
 * Whether a hypervisor host answers, as last seen.
 *
 * @param reason    why it is down, for operators and for VMs waiting on it; null when it is up
 * @param checkedAt when this was seen
 */
public record HostStatus(boolean up, String reason, Instant checkedAt) {

    public static HostStatus up(Instant at) {
        return new HostStatus(true, null, at);
    }

    public static HostStatus down(String reason, Instant at) {
        return new HostStatus(false, reason, at);
    }
}
