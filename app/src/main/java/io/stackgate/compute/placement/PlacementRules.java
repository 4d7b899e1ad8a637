package io.stackgate.compute.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.placement.PlacementResult.NoCapacity;
import io.stackgate.compute.placement.PlacementResult.Shortage;

/**
 * Which host takes a VM: one of its architecture with room for it after overcommit (and free GPUs if it asks for
 * any); among those, preferably one without a VM of the same request (anti-affinity), then a host without GPUs
 * for a VM that needs none (GPU hosts stay free for GPU work), then the one with most free memory (spreading).
 */
final class PlacementRules {

    /** @param gpus the PCI addresses given to the VM */
    record Choice(Host host, List<String> gpus) {
    }

    private PlacementRules() {
    }

    /**
     * @param usage             per host name; hosts without an entry have nothing allocated
     * @param hostsOfTheRequest hosts that already carry a VM of the same request
     */
    static Optional<Choice> choose(List<Host> hosts, Map<String, HostUsage> usage, Set<String> hostsOfTheRequest,
            VmDemand demand) {
        Comparator<Host> preference = Comparator
                .comparing((Host host) -> hostsOfTheRequest.contains(host.name()))
                .thenComparing(host -> demand.gpus() == 0 && !host.gpus().isEmpty())
                .thenComparing(host -> -usageOf(usage, host).freeMemoryMiB(host))
                .thenComparing(Host::name);
        return hosts.stream()
                .filter(host -> host.arch() == demand.arch())
                .filter(host -> shortages(host, usageOf(usage, host), demand).isEmpty())
                .min(preference)
                .map(host -> new Choice(host, usageOf(usage, host).freeGpus(host).subList(0, demand.gpus())));
    }

    static NoCapacity noCapacity(List<Host> hosts, Map<String, HostUsage> usage, VmDemand demand) {
        List<Host> ofArch = hosts.stream().filter(host -> host.arch() == demand.arch()).toList();
        if (ofArch.isEmpty()) {
            return new NoCapacity(List.of(Shortage.ARCH), "no host of architecture " + demand.arch());
        }
        Set<Shortage> shortages = EnumSet.noneOf(Shortage.class);
        ofArch.forEach(host -> shortages.addAll(shortages(host, usageOf(usage, host), demand)));
        String missing = shortages.stream().map(PlacementRules::describe).map(what -> what.formatted(
                demand.vcpus(), demand.memoryMiB(), demand.diskGiB(), demand.gpus())).collect(Collectors.joining(", "));
        return new NoCapacity(new ArrayList<>(shortages),
                "no " + demand.arch() + " host has room for the VM: short of " + missing + " (after overcommit)");
    }

    static Set<Shortage> shortages(Host host, HostUsage usage, VmDemand demand) {
        Set<Shortage> shortages = EnumSet.noneOf(Shortage.class);
        if (usage.freeVcpus(host) < demand.vcpus()) {
            shortages.add(Shortage.CPU);
        }
        if (usage.freeMemoryMiB(host) < demand.memoryMiB()) {
            shortages.add(Shortage.MEMORY);
        }
        if (usage.freeDiskGiB(host) < demand.diskGiB()) {
            shortages.add(Shortage.DISK);
        }
        if (usage.freeGpus(host).size() < demand.gpus()) {
            shortages.add(Shortage.GPU);
        }
        return shortages;
    }

    private static String describe(Shortage shortage) {
        return switch (shortage) {
            case CPU -> "cpu (%1$d vCPU)";
            case MEMORY -> "memory (%2$d MiB)";
            case DISK -> "disk (%3$d GiB)";
            case GPU -> "gpu (%4$d GPU)";
            case ARCH -> "arch";
            case HOST_DOWN -> "host down";
        };
    }

    private static HostUsage usageOf(Map<String, HostUsage> usage, Host host) {
        return usage.getOrDefault(host.name(), HostUsage.NONE);
    }
}
