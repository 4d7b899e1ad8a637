package io.stackgate.compute.placement;

import java.util.List;

/** The outcome of a placement: a host with capacity reserved on it, or why no host fits. */
public sealed interface PlacementResult {

    /** @param gpus PCI addresses of the GPUs reserved for the VM */
    record Placed(String requestId, int vmIndex, String host, List<String> gpus) implements PlacementResult {

        public Placed {
            gpus = List.copyOf(gpus);
        }
    }

    /**
     * No host can take the VM now.
     *
     * @param shortages what is missing on every host of the right architecture (or {@code ARCH}: no such host)
     * @param reason    the same for people, e.g. "no aarch64 host has 8 vCPU free (after overcommit)"
     */
    record NoCapacity(List<Shortage> shortages, String reason) implements PlacementResult {

        public NoCapacity {
            shortages = List.copyOf(shortages);
        }
    }

    enum Shortage {
        ARCH, HOST_DOWN, CPU, MEMORY, DISK, GPU
    }
}
