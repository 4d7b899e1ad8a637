package io.stackgate.requests;

import io.stackgate.tenancy.Quota;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Free what an earlier, completed request of the same project created: all of it, or with {@code node} one worker node
 * of a {@code k8s-nodes} request (its index), the rest of the pool staying.
 */
public record DecommissionSpec(@NotBlank String requestId, @Min(0) @Max(49) Integer node) implements RequestSpec {

    @Override
    public Quota demand() {
        return Quota.ZERO;
    }
}
