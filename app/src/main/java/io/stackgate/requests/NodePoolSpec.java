package io.stackgate.requests;

import io.stackgate.tenancy.Quota;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Kubernetes worker nodes for the tenant: {@code count} VMs of one size joined to {@code cluster}. */
public record NodePoolSpec(
        @NotBlank @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", message = "must be a DNS label") String cluster,
        @NotNull @Min(1) @Max(50) Integer count,
        @NotNull @Pattern(regexp = "^(x86_64|aarch64)$", message = "must be x86_64 or aarch64") String arch,
        @NotNull @Min(1) @Max(128) Integer vcpus,
        @NotNull @Min(1024) @Max(1048576) Long memoryMiB,
        @NotNull @Min(10) @Max(65536) Long diskGiB,
        @Min(0) @Max(8) Integer gpus) implements RequestSpec {

    public NodePoolSpec {
        gpus = gpus == null ? 0 : gpus;
    }

    @Override
    public Quota demand() {
        return new Quota(vcpus * count, memoryMiB * count, diskGiB * count, gpus * count, count, count);
    }

    @Override
    public Sizing sizing() {
        return new Sizing(vcpus, memoryMiB, diskGiB, gpus * count, count);
    }
}
