package io.stackgate.requests;

import io.stackgate.tenancy.Quota;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Extend the lease of the VMs an earlier, completed VM request of the same project created, by {@code days}. */
public record LeaseRenewalSpec(@NotBlank String requestId, @NotNull @Min(1) @Max(3650) Integer days) implements RequestSpec {

    @Override
    public Quota demand() {
        return Quota.ZERO;
    }
}
