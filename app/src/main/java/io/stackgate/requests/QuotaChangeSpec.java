package io.stackgate.requests;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;

import io.stackgate.tenancy.Quota;

/** Raise the project's quota by these amounts once approved. */
public record QuotaChangeSpec(
        @Min(0) int vcpus, @Min(0) long memoryMiB, @Min(0) long diskGiB,
        @Min(0) int gpus, @Min(0) int vms, @Min(0) int k8sNodes) implements RequestSpec {

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
