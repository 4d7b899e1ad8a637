package io.stackgate.compute;

import io.stackgate.requests.ResourceRequest;

/**
 * What another capability removes when a decommission names one of its requests (the Kubernetes capability's
 * namespaces). The decommission's "Remove resources" step asks each target whether it handles the request.
 */
public interface DecommissionTarget {

    boolean handles(ResourceRequest target);

    /** Removes what the target request created; idempotent. */
    void decommission(ResourceRequest target, String byRequest);
}
