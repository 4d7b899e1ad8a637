package io.stackgate.requests;

import jakarta.validation.constraints.NotBlank;

import io.stackgate.tenancy.Quota;

/** Free what an earlier, completed request of the same project created. */
public record DecommissionSpec(@NotBlank String requestId) implements RequestSpec {

    @Override
    public Quota demand() {
        return Quota.ZERO;
    }
}
