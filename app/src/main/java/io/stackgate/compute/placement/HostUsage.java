package io.stackgate.compute.placement;

import java.util.List;
import java.util.Set;

import io.stackgate.compute.ComputeProperties.Host;

/**
 * What a host has given out: the sums of its RESERVED rows, and which of its VMs belong to which request.
 *
 * @param gpusInUse PCI addresses reserved on the host
 */
public record HostUsage(int vcpus, long memoryMiB, long diskGiB, Set<String> gpusInUse) {

    public static final HostUsage NONE = new HostUsage(0, 0, 0, Set.of());

    /** vCPUs that may still be allocated, after the host's CPU overcommit. */
    public long freeVcpus(Host host) {
        return (long) Math.floor(host.capacity().vcpus() * host.overcommit().cpu()) - vcpus;
    }

    public long freeMemoryMiB(Host host) {
        return (long) Math.floor(host.capacity().memoryMiB() * host.overcommit().memory()) - memoryMiB;
    }

    public long freeDiskGiB(Host host) {
        return host.capacity().diskGiB() - diskGiB;
    }

    public List<String> freeGpus(Host host) {
        return host.gpus().stream().filter(gpu -> !gpusInUse.contains(gpu)).toList();
    }
}
