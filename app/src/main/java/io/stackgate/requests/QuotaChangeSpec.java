package io.stackgate.requests;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;

import io.stackgate.tenancy.Quota;

/** Raise the project's quota by these amounts once approved. */
public record QuotaChangeSpec(
        @Min(0) Integer vcpus, @Min(0) Long memoryMiB, @Min(0) Long diskGiB,
        @Min(0) Integer gpus, @Min(0) Integer vms, @Min(0) Integer k8sNodes) implements RequestSpec {

    /** Amounts left out are zero. */
    public QuotaChangeSpec {
        vcpus = vcpus == null ? 0 : vcpus;
        memoryMiB = memoryMiB == null ? 0 : memoryMiB;
        diskGiB = diskGiB == null ? 0 : diskGiB;
        gpus = gpus == null ? 0 : gpus;
        vms = vms == null ? 0 : vms;
        k8sNodes = k8sNodes == null ? 0 : k8sNodes;
    }

    @JsonIgnore
    @AssertTrue(message = "at least one amount must be greater than zero")
    public boolean isIncrease() {
        return vcpus + memoryMiB + diskGiB + gpus + vms + k8sNodes > 0;
    }

    public Quota amount() {
        return new Quota(vcpus, memoryMiB, diskGiB, gpus, vms, k8sNodes);
    }

    @Override
    public Quota demand() {
        return Quota.ZERO;
    }
}
