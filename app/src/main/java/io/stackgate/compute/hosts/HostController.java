package io.stackgate.compute.hosts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.NotAnOperator;
import io.stackgate.compute.placement.HostUsage;
import io.stackgate.compute.placement.Placement;
import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hypervisor hosts with their state (and why one is down), capacity and what is allocated on them: for platform
 * operators. A host that hangs does not hold the answer up: its status comes within the probe timeout, or from the
 * last probe.
 */
@Tag(name = "Operations")
@RestController
@RequestMapping("/api/hosts")
class HostController {

    /**
     * @param uri         the libvirt URI without user information ({@code demo:} for the in-process demo hypervisor)
     * @param driver      {@code libvirt} or {@code demo}
     * @param state       {@code up} or {@code down}
     * @param stateReason why it is down (e.g. not answering, libvirt's library missing); absent when up
     */
    record HostView(String name, String uri, String driver, Arch arch, String domainType, String state,
            String stateReason, Resources capacity, Resources allocated, Resources free, GpuView gpus,
            Map<String, String> labels) {
    }

    /** @param vcpus for {@code capacity}: physical CPUs; {@code free} is after overcommit */
    record Resources(long vcpus, long memoryMiB, long diskGiB) {
    }

    record GpuView(int total, List<String> free) {
    }

    private final Fleet fleet;
    private final Placement placement;
    private final Hypervisor hypervisor;
    private final CallerResolver callers;

    HostController(Fleet fleet, Placement placement, Hypervisor hypervisor, CallerResolver callers) {
        this.fleet = fleet;
        this.placement = placement;
        this.hypervisor = hypervisor;
        this.callers = callers;
    }

    @Operation(operationId = "listHosts",
            summary = "The hypervisor hosts with state, capacity and allocation (platform admins and operators)")
    @GetMapping
    List<HostView> hosts() {
        Caller caller = callers.current();
        if (!caller.isPlatformWide()) {
            throw new NotAnOperator("the host list");
        }
        Map<String, HostUsage> usage = placement.usage();
        return fleet.hosts().stream().map(host -> view(host, usage.getOrDefault(host.name(), HostUsage.NONE))).toList();
    }

    private HostView view(Host host, HostUsage used) {
        HostStatus status = hypervisor.status(host.name());
        return new HostView(host.name(), withoutCredentials(host.uri()), Fleet.isDemo(host) ? "demo" : "libvirt",
                host.arch(), host.domainType().name(), status.up() ? "up" : "down", status.reason(),
                new Resources(host.capacity().vcpus(), host.capacity().memoryMiB(), host.capacity().diskGiB()),
                new Resources(used.vcpus(), used.memoryMiB(), used.diskGiB()),
                new Resources(used.freeVcpus(host), used.freeMemoryMiB(host), used.freeDiskGiB(host)),
                new GpuView(host.gpus().size(), used.freeGpus(host)), host.labels());
    }

    /** {@code qemu+ssh://root:secret@kvm1/system?keyfile=…} → {@code qemu+ssh://kvm1/system}. */
    static String withoutCredentials(String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.isOpaque()) {
                return parsed.getScheme() + ":";
            }
            String host = parsed.getHost() == null ? "" : parsed.getHost();
            String port = parsed.getPort() < 0 ? "" : ":" + parsed.getPort();
            return parsed.getScheme() + "://" + host + port + (parsed.getRawPath() == null ? "" : parsed.getRawPath());
        } catch (URISyntaxException e) {
            return uri.replaceAll("//[^/@]*@", "//").replaceAll("\\?.*", "");
        }
    }
}
