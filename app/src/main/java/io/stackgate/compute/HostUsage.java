package io.stackgate.compute;

import java.util.List;
import java.util.Set;

import io.stackgate.compute.ComputeProperties.Host;

/**
 * What a host has given out: the sums of its RESERVED rows, and which of its VMs belong to which request.
 *
 * @param gpusInUse PCI addresses reserved on the host
 */
record HostUsage(int vcpus, long memoryMiB, long diskGiB, Set<String> gpusInUse) {

    static final HostUsage NONE = new HostUsage(0, 0, 0, Set.of());

    /** vCPUs that may still be allocated, after the host's CPU overcommit. */
    long freeVcpus(Host host) {
        return (long) Math.floor(host.capacity().vcpus() * host.overcommit().cpu()) - vcpus;
    }

    long freeMemoryMiB(Host host) {
        return (long) Math.floor(host.capacity().memoryMiB() * host.overcommit().memory()) - memoryMiB;
    }

    long freeDiskGiB(Host host) {
        return host.capacity().diskGiB() - diskGiB;
    }

    List<String> freeGpus(Host host) {
        return host.gpus().stream().filter(gpu -> !gpusInUse.contains(gpu)).toList();
    }
}
