package io.stackgate.requests;

import io.stackgate.errors.InvalidInput;

/**
 * A check of a request's spec against what another capability knows (the image catalogue, the clusters), run at
 * submit after the spec's own validation. Implementations throw {@link io.stackgate.errors.InvalidInput} naming the
 * field ({@code spec.image}).
 */
public interface SpecCheck {

    /** @param tenantId and {@code projectId}: where the request goes */
    void check(String tenantId, String projectId, RequestSpec spec);

    /**
     * The spec with what it left out filled in from the capability's configuration (a namespace's quota share), before
     * it is checked, its quota reserved and it is stored; the spec itself when there is nothing to fill in.
     */
    default RequestSpec withDefaults(RequestSpec spec) {
        return spec;
    }
}
