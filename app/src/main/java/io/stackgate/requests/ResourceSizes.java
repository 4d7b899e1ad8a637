package io.stackgate.requests;

import io.stackgate.tenancy.Quota;

/** What the resources of a completed request hold now (compute answers for VMs): the base of a resize's demand. */
public interface ResourceSizes {

    /** The current total size of the request's live resources; {@link Quota#ZERO} if none is live. */
    Quota currentOf(String requestId);
}
