package io.stackgate.compute.hosts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.demo.DemoHypervisor;
import io.stackgate.compute.libvirt.LibvirtConnections;
import io.stackgate.compute.libvirt.LibvirtHypervisor;
import org.springframework.stereotype.Component;

/**
 * The {@link Hypervisor} the application uses: each call goes to the adapter of the host it names, the in-process
 * {@link DemoHypervisor} for {@code demo:} hosts and {@link LibvirtHypervisor} for every other.
 */
@Component
public class HostHypervisors implements Hypervisor {

    private final Fleet fleet;
    private final Hypervisor libvirt;
    private final Hypervisor demo;

    HostHypervisors(Fleet fleet, LibvirtConnections connections, ComputeProperties properties, Clock clock) {
        this.fleet = fleet;
        this.libvirt = new LibvirtHypervisor(connections);
        this.demo = new DemoHypervisor(fleet, properties.images(), clock);
    }

    private Hypervisor on(String host) {
        return fleet.host(host).map(Fleet::isDemo).orElse(false) ? demo : libvirt;
    }

    @Override
    public HostStatus status(String host) {
        return on(host).status(host);
    }

    @Override
    public List<DomainState> domains(String host) {
        return on(host).domains(host);
    }

    @Override
    public DomainState define(String host, String domainXml) {
        return on(host).define(host, domainXml);
    }

    @Override
    public void start(String host, String name) {
        on(host).start(host, name);
    }

    @Override
    public void shutdown(String host, String name) {
        on(host).shutdown(host, name);
    }

    @Override
    public void reboot(String host, String name) {
        on(host).reboot(host, name);
    }

    @Override
    public void destroy(String host, String name) {
        on(host).destroy(host, name);
    }

    @Override
    public void undefine(String host, String name) {
        on(host).undefine(host, name);
    }

    @Override
    public Optional<DomainState> lookup(String host, String name) {
        return on(host).lookup(host, name);
    }

    @Override
    public Optional<DomainState> lookup(String host, UUID uuid) {
        return on(host).lookup(host, uuid);
    }

    @Override
    public Optional<String> domainXml(String host, String name) {
        return on(host).domainXml(host, name);
    }

    @Override
    public Optional<String> ipv4Address(String host, String name) {
        return on(host).ipv4Address(host, name);
    }

    @Override
    public void ensurePool(String host, String pool, String path) {
        on(host).ensurePool(host, pool, path);
    }

    @Override
    public String ensureVolume(String host, String pool, String volumeXml) {
        return on(host).ensureVolume(host, pool, volumeXml);
    }

    @Override
    public void upload(String host, String pool, String volume, byte[] content) {
        on(host).upload(host, pool, volume, content);
    }

    @Override
    public void deleteVolume(String host, String pool, String volume) {
        on(host).deleteVolume(host, pool, volume);
    }

    @Override
    public Optional<String> volumePath(String host, String pool, String volume) {
        return on(host).volumePath(host, pool, volume);
    }

    @Override
    public List<String> volumes(String host, String pool) {
        return on(host).volumes(host, pool);
    }

    @Override
    public void ensureNetwork(String host, String networkXml) {
        on(host).ensureNetwork(host, networkXml);
    }

    @Override
    public void deleteNetwork(String host, String name) {
        on(host).deleteNetwork(host, name);
    }

    @Override
    public List<String> networks(String host) {
        return on(host).networks(host);
    }
}
