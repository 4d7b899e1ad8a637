package io.stackgate.requests;

/**
 * A check of a request's spec against what another capability knows (the image catalogue, the clusters), run at
 * submit after the spec's own validation. Implementations throw {@link io.stackgate.web.InvalidInput} naming the
 * field ({@code spec.image}).
 */
public interface SpecCheck {

    /** @param tenantId and {@code projectId}: where the request goes */
    void check(String tenantId, String projectId, RequestSpec spec);
}
