package io.stackgate.requests;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.stackgate.tenancy.Quota;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Raise the project's quota by these amounts once approved.
 *
 * @param namespace optional: the id of a completed namespace request of the same project whose share (and so its
 *                  ResourceQuota) grows by the CPU, memory, disk and GPU amounts too; those amounts are then reserved
 *                  for that namespace from submit on, as its share's growth, and freed when it is decommissioned
 */
public record QuotaChangeSpec(
        @Min(0) Integer vcpus, @Min(0) Long memoryMiB, @Min(0) Long diskGiB,
        @Min(0) Integer gpus, @Min(0) Integer vms, @Min(0) Integer k8sNodes,
        @Size(min = 1, max = 64) String namespace) implements RequestSpec {

    /** Amounts left out are zero. */
    public QuotaChangeSpec {
        vcpus = vcpus == null ? 0 : vcpus;
        memoryMiB = memoryMiB == null ? 0 : memoryMiB;
        diskGiB = diskGiB == null ? 0 : diskGiB;
        gpus = gpus == null ? 0 : gpus;
        vms = vms == null ? 0 : vms;
        k8sNodes = k8sNodes == null ? 0 : k8sNodes;
    }

    public QuotaChangeSpec(Integer vcpus, Long memoryMiB, Long diskGiB, Integer gpus, Integer vms, Integer k8sNodes) {
        this(vcpus, memoryMiB, diskGiB, gpus, vms, k8sNodes, null);
    }

    @JsonIgnore
    @AssertTrue(message = "at least one amount must be greater than zero")
    public boolean isIncrease() {
        return vcpus + memoryMiB + diskGiB + gpus + vms + k8sNodes > 0;
    }

    public Quota amount() {
        return new Quota(vcpus, memoryMiB, diskGiB, gpus, vms, k8sNodes);
    }

    /** Nothing, unless it grows a namespace's share: then that growth, held for the namespace. */
    @Override
    public Quota demand() {
        return namespace == null ? Quota.ZERO : new Quota(vcpus, memoryMiB, diskGiB, gpus, 0, 0);
    }
}
