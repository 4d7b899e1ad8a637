package io.stackgate.compute.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.hosts.Fleet;
import org.springframework.stereotype.Service;

/**
 * Which hosts of an architecture have room now for one VM of a given size, by the same rules placement reserves with
 * (overcommit, free GPUs, a host that is down takes nothing). An answer for people, not a reservation: the room may be
 * gone by the time the VM is placed.
 */
@Service
public class FleetFit {

    /**
     * @param freeVcpus after the host's CPU overcommit; {@code freeGpus} the number of unreserved GPUs
     * @param shortages what the host lacks for the VM (empty when it fits)
     */
    public record HostFit(String host, Arch arch, boolean up, long freeVcpus, long freeMemoryMiB, long freeDiskGiB,
            int freeGpus, boolean fits, List<String> shortages) {
    }

    private final Fleet fleet;
    private final Placement placement;
    private final Hypervisor hypervisor;

    FleetFit(Fleet fleet, Placement placement, Hypervisor hypervisor) {
        this.fleet = fleet;
        this.placement = placement;
        this.hypervisor = hypervisor;
    }

    /** Every host of the architecture with its free room and whether the VM fits there now. */
    public List<HostFit> fit(Arch arch, int vcpus, long memoryMiB, long diskGiB, int gpus) {
        VmDemand demand = new VmDemand("fit", 0, arch, vcpus, memoryMiB, diskGiB, gpus);
        Map<String, HostUsage> usage = placement.usage();
        return fleet.hosts().stream().filter(host -> host.arch() == arch)
                .map(host -> fit(host, usage.getOrDefault(host.name(), HostUsage.NONE), demand)).toList();
    }

    private HostFit fit(Host host, HostUsage used, VmDemand demand) {
        HostStatus status = hypervisor.status(host.name());
        List<String> shortages = new ArrayList<>(PlacementRules.shortages(host, used, demand).stream()
                .map(shortage -> shortage.name().toLowerCase()).toList());
        if (!status.up()) {
            shortages.add("host_down");
        }
        return new HostFit(host.name(), host.arch(), status.up(), used.freeVcpus(host), used.freeMemoryMiB(host),
                used.freeDiskGiB(host), used.freeGpus(host).size(), shortages.isEmpty(), List.copyOf(shortages));
    }
}
