package io.stackgate.requests;

import io.stackgate.tenancy.Quota;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * New vCPU count and memory for the VMs of an earlier, completed VM request of the same project. The request holds
 * the growth of the quota (computed at submit from the VMs' current size); a shrink holds nothing.
 */
public record VmResizeSpec(@NotBlank String requestId, @NotNull @Min(1) @Max(128) Integer vcpus,
        @NotNull @Min(256) @Max(1048576) Long memoryMiB) implements RequestSpec {

    @Override
    public Quota demand() {
        return Quota.ZERO;
    }

    @Override
    public Sizing sizing() {
        return new Sizing(vcpus, memoryMiB, 0, 0, 1);
    }
}
