package io.stackgate.compute.libvirt;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.HypervisorFailure;
import io.stackgate.compute.hosts.Fleet;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The libvirt hosts of the fleet, each with its connection and threads ({@link LibvirtHost}), and libvirt's client
 * library, which may be missing: then every libvirt host is DOWN naming it, said once in the log at start.
 */
@Component
public class LibvirtConnections {

    private static final Logger log = LoggerFactory.getLogger(LibvirtConnections.class);

    private final Fleet fleet;
    private final ComputeProperties.Libvirt settings;
    private final Map<String, LibvirtHost> hosts = new ConcurrentHashMap<>();
    private final Clock clock;

    @Autowired
    LibvirtConnections(Fleet fleet, ComputeProperties properties, Clock clock) {
        this(fleet, properties.libvirt(), clock);
    }

    LibvirtConnections(Fleet fleet, ComputeProperties.Libvirt settings, Clock clock) {
        this.fleet = fleet;
        this.settings = settings;
        this.clock = clock;
    }

    /** One line at start when libvirt hosts are configured and libvirt's library is missing; no stack trace. */
    @PostConstruct
    void reportMissingLibrary() {
        List<String> libvirtHosts = fleet.hosts().stream().filter(host -> !Fleet.isDemo(host)).map(Host::name).toList();
        if (!libvirtHosts.isEmpty()) {
            LibvirtLibrary.missing().ifPresent(missing -> log.warn("{}; until it is, the libvirt hosts {} are DOWN "
                    + "and VMs wait for them (demo: hosts need no libvirt)", missing, libvirtHosts));
        }
    }

    /** Whether the host is libvirt's in-process test driver (which keeps no volume content). */
    boolean isTestDriver(String host) {
        return fleet.host(host).map(h -> h.uri().startsWith("test:")).orElse(false);
    }

    /** Runs the call on the host's connection, bounded by the call timeout; see {@link LibvirtHost#call}. */
    <T> T call(String host, LibvirtHost.Call<T> call) {
        return host(host).call(call);
    }

    HostStatus status(String host) {
        Optional<String> missing = LibvirtLibrary.missing();
        if (missing.isPresent()) {
            return HostStatus.down(missing.get(), clock.instant());
        }
        return host(host).status();
    }

    @PreDestroy
    void closeAll() {
        hosts.values().forEach(LibvirtHost::close);
        hosts.clear();
    }

    private LibvirtHost host(String name) {
        LibvirtLibrary.missing().ifPresent(missing -> {
            throw new HypervisorFailure(name, missing, null);
        });
        return hosts.computeIfAbsent(name, key -> new LibvirtHost(key, fleet.host(key)
                .orElseThrow(() -> new IllegalArgumentException("unknown host " + key)).uri(), settings, clock));
    }
}
