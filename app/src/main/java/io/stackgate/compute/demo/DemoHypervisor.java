package io.stackgate.compute.demo;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties.Image;
import io.stackgate.compute.ComputeProperties.ImageKind;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.hosts.Fleet;

/**
 * The in-process demo hypervisor of {@code demo:} hosts: pure Java, nothing to install, nothing boots. Each host keeps
 * its domains, volumes, pools and networks in memory ({@link DemoHost}) and answers as libvirt's test driver does as
 * far as Stackgate asks, so the embedded default runs the whole walkthrough on a machine without libvirt. Like the
 * test driver it forgets everything on restart (reconciliation then finds the demo VMs LOST).
 */
public class DemoHypervisor implements Hypervisor {

    private final Fleet fleet;
    private final List<Image> images;
    private final Map<String, DemoHost> hosts = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param images the catalogue: each host's pool starts with the disk images of its architecture */
    public DemoHypervisor(Fleet fleet, List<Image> images, Clock clock) {
        this.fleet = fleet;
        this.clock = clock;
        this.images = List.copyOf(images);
    }

    /** Demo hosts live in this process: always up. */
    @Override
    public HostStatus status(String host) {
        on(host);
        return HostStatus.up(clock.instant());
    }

    @Override
    public List<DomainState> domains(String host) {
        return on(host).domains();
    }

    @Override
    public DomainState define(String host, String domainXml) {
        return on(host).define(domainXml);
    }

    @Override
    public void start(String host, String name) {
        on(host).start(name);
    }

    @Override
    public void shutdown(String host, String name) {
        on(host).shutdown(name);
    }

    @Override
    public void reboot(String host, String name) {
        on(host).reboot(name);
    }

    @Override
    public void destroy(String host, String name) {
        on(host).destroy(name);
    }

    @Override
    public void undefine(String host, String name) {
        on(host).undefine(name);
    }

    @Override
    public Optional<DomainState> lookup(String host, String name) {
        return on(host).lookup(name);
    }

    @Override
    public Optional<DomainState> lookup(String host, UUID uuid) {
        return on(host).lookup(uuid);
    }

    @Override
    public Optional<String> domainXml(String host, String name) {
        return on(host).domainXml(name);
    }

    @Override
    public Optional<String> ipv4Address(String host, String name) {
        return on(host).ipv4Address(name);
    }

    @Override
    public void ensurePool(String host, String pool, String path) {
        on(host).ensurePool(pool, path);
    }

    @Override
    public String ensureVolume(String host, String pool, String volumeXml) {
        return on(host).ensureVolume(pool, volumeXml);
    }

    @Override
    public void upload(String host, String pool, String volume, byte[] content) {
        on(host).upload(pool, volume, content);
    }

    @Override
    public void deleteVolume(String host, String pool, String volume) {
        on(host).deleteVolume(pool, volume);
    }

    @Override
    public Optional<String> volumePath(String host, String pool, String volume) {
        return on(host).volumePath(pool, volume);
    }

    @Override
    public List<String> volumes(String host, String pool) {
        return on(host).volumes(pool);
    }

    @Override
    public void ensureNetwork(String host, String networkXml) {
        on(host).ensureNetwork(networkXml);
    }

    @Override
    public void deleteNetwork(String host, String name) {
        on(host).deleteNetwork(name);
    }

    @Override
    public List<String> networks(String host) {
        return on(host).networks();
    }

    private DemoHost on(String name) {
        return hosts.computeIfAbsent(name, key -> {
            Host host = fleet.host(key).orElseThrow(() -> new IllegalArgumentException("unknown host " + key));
            List<String> diskImages = images.stream()
                    .filter(image -> image.arch() == host.arch() && image.kind() == ImageKind.disk)
                    .map(Image::volume).toList();
            return new DemoHost(key, host.storage().pool(), host.storage().path(), diskImages);
        });
    }
}
