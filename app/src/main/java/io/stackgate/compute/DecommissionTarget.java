package io.stackgate.compute;

import java.time.Duration;
import java.util.Optional;

import io.stackgate.requests.ResourceRequest;

/**
 * What another capability removes when a decommission names one of its requests (the Kubernetes capability's
 * namespaces). The decommission's "Remove resources" step asks each target whether it handles the request.
 */
public interface DecommissionTarget {

    boolean handles(ResourceRequest target);

    /**
     * Readies the target for removal (drains a worker node): empty when it is ready, else how long until the next try.
     * Throws when it gives up (a drain past its timeout): the decommission then waits for an operator.
     */
    default Optional<Duration> prepare(ResourceRequest target, String byRequest) {
        return Optional.empty();
    }

    /** Removes what the target request created; idempotent. */
    void decommission(ResourceRequest target, String byRequest);
}
