package io.stackgate.compute.hosts;

import java.util.LinkedHashMap;
import java.util.Map;

import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.Hypervisor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/hosts}: each hypervisor host UP or DOWN with the reason. Its status is UP while every host
 * answers and {@code DEGRADED} otherwise, a status the overall health ignores: a host that is down stops no request
 * (VMs wait for a host of their arch and name why), so it must not take the whole application out of service.
 */
@Component("hosts")
class HostHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "hosts are down: VMs of their architecture wait for them");

    private final Fleet fleet;
    private final Hypervisor hypervisor;

    HostHealth(Fleet fleet, Hypervisor hypervisor) {
        this.fleet = fleet;
        this.hypervisor = hypervisor;
    }

    @Override
    public Health health() {
        Map<String, Object> hosts = new LinkedHashMap<>();
        int down = 0;
        for (Host host : fleet.hosts()) {
            HostStatus status = hypervisor.status(host.name());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", status.up() ? "UP" : "DOWN");
            detail.put("driver", Fleet.isDemo(host) ? "demo" : "libvirt");
            detail.put("arch", host.arch().name());
            if (!status.up()) {
                detail.put("reason", status.reason());
                down++;
            }
            hosts.put(host.name(), detail);
        }
        return Health.status(down == 0 ? Status.UP : DEGRADED).withDetail("down", down).withDetail("hosts", hosts).build();
    }
}
