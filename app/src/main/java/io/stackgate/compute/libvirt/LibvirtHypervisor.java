package io.stackgate.compute.libvirt;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.hosts.Fleet;

/**
 * {@link Hypervisor} on libvirt ({@code org.libvirt}), over the host connections of {@link LibvirtConnections}: each
 * call runs on its host's own threads and is bounded by the call timeout. The work is split by what it touches:
 * {@link LibvirtDomains}, {@link LibvirtStorage}, {@link LibvirtNetworks}.
 */
public class LibvirtHypervisor implements Hypervisor {

    private final LibvirtConnections connections;
    private final LibvirtDomains domains;
    private final LibvirtStorage storage;
    private final LibvirtNetworks networks;

    public LibvirtHypervisor(LibvirtConnections connections) {
        this.connections = connections;
        this.domains = new LibvirtDomains(connections);
        this.storage = new LibvirtStorage(connections);
        this.networks = new LibvirtNetworks(connections);
    }

    /** An adapter with connections of its own to these hosts (tests). */
    public LibvirtHypervisor(Fleet fleet, Clock clock) {
        this(fleet, ComputeProperties.Libvirt.defaults(), clock);
    }

    /** An adapter with connections of its own to these hosts, with these time limits (tests). */
    public LibvirtHypervisor(Fleet fleet, ComputeProperties.Libvirt settings, Clock clock) {
        this(new LibvirtConnections(fleet, settings, clock));
    }

    void closeAll() {
        connections.closeAll();
    }

    @Override
    public HostStatus status(String host) {
        return connections.status(host);
    }

    @Override
    public List<DomainState> domains(String host) {
        return domains.domains(host);
    }

    @Override
    public DomainState define(String host, String domainXml) {
        return domains.define(host, domainXml);
    }

    @Override
    public void start(String host, String name) {
        domains.start(host, name);
    }

    @Override
    public void shutdown(String host, String name) {
        domains.shutdown(host, name);
    }

    @Override
    public void reboot(String host, String name) {
        domains.reboot(host, name);
    }

    @Override
    public void destroy(String host, String name) {
        domains.destroy(host, name);
    }

    @Override
    public void undefine(String host, String name) {
        domains.undefine(host, name);
    }

    @Override
    public Optional<DomainState> lookup(String host, String name) {
        return domains.lookup(host, name);
    }

    @Override
    public Optional<DomainState> lookup(String host, UUID uuid) {
        return domains.lookup(host, uuid);
    }

    @Override
    public Optional<String> domainXml(String host, String name) {
        return domains.domainXml(host, name);
    }

    @Override
    public Optional<String> ipv4Address(String host, String name) {
        return domains.ipv4Address(host, name);
    }

    @Override
    public void ensurePool(String host, String pool, String path) {
        storage.ensurePool(host, pool, path);
    }

    @Override
    public String ensureVolume(String host, String pool, String volumeXml) {
        return storage.ensureVolume(host, pool, volumeXml);
    }

    @Override
    public void upload(String host, String pool, String volume, byte[] content) {
        storage.upload(host, pool, volume, content);
    }

    @Override
    public void deleteVolume(String host, String pool, String volume) {
        storage.deleteVolume(host, pool, volume);
    }

    @Override
    public Optional<String> volumePath(String host, String pool, String volume) {
        return storage.volumePath(host, pool, volume);
    }

    @Override
    public List<String> volumes(String host, String pool) {
        return storage.volumes(host, pool);
    }

    @Override
    public void ensureNetwork(String host, String networkXml) {
        networks.ensureNetwork(host, networkXml);
    }

    @Override
    public void deleteNetwork(String host, String name) {
        networks.deleteNetwork(host, name);
    }

    @Override
    public List<String> networks(String host) {
        return networks.networks(host);
    }
}
