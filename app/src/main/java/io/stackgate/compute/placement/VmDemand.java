package io.stackgate.compute.placement;

import io.stackgate.compute.Arch;

/**
 * What one VM of a request needs from a host.
 *
 * @param vmIndex the VM's position within its request (0 for a single VM; 0..n-1 for a node pool)
 */
public record VmDemand(String requestId, int vmIndex, Arch arch, int vcpus, long memoryMiB, long diskGiB, int gpus) {

    public VmDemand {
        if (requestId == null || requestId.isBlank() || vmIndex < 0 || arch == null || vcpus <= 0 || memoryMiB <= 0
                || diskGiB < 0 || gpus < 0) {
            throw new IllegalArgumentException("invalid VM demand " + requestId + "#" + vmIndex);
        }
    }
}
