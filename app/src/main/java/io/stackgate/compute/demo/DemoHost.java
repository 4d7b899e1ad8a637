package io.stackgate.compute.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.stackgate.compute.DomainMetadata;
import io.stackgate.compute.Hypervisor.DomainState;
import io.stackgate.compute.HypervisorFailure;
import io.stackgate.compute.libvirt.LibvirtXml;

/**
 * What one demo host holds, in memory: domains (persistent or, once undefined while running, transient until they
 * stop), storage pools with their volumes, networks. It answers as libvirt's test driver does where Stackgate
 * looks (the contract test runs the same scenarios on both): the same adoptions, refusals and no-ops.
 */
final class DemoHost {

    private static final Pattern UUID_ELEMENT = Pattern.compile("<uuid>\\s*([0-9a-fA-F-]{36})\\s*</uuid>");
    private static final Pattern NETWORK_SOURCE = Pattern.compile("<source\\s+network=['\"]([^'\"]+)['\"]");
    private static final Pattern DHCP_START = Pattern.compile("<range\\s+start=['\"]([0-9.]+)['\"]\\s+end=['\"]([0-9.]+)['\"]");

    private static final class Domain {
        final String name;
        final UUID uuid;
        String xml;
        boolean running;
        boolean persistent = true;

        Domain(String name, UUID uuid, String xml) {
            this.name = name;
            this.uuid = uuid;
            this.xml = xml;
        }

        DomainState state() {
            return new DomainState(name, uuid, running, DomainMetadata.in(xml));
        }
    }

    private record Pool(String path, Map<String, byte[]> volumes) {
    }

    private final String host;
    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private final Map<String, Pool> pools = new LinkedHashMap<>();
    private final Map<String, String> networks = new LinkedHashMap<>();
    private final Map<String, String> addresses = new LinkedHashMap<>();

    /** @param images volumes already in the pool at {@code path} (as an operator would have uploaded them) */
    DemoHost(String host, String pool, String path, List<String> images) {
        this.host = host;
        pools.put("default", new Pool("/var/lib/libvirt/images", new LinkedHashMap<>()));
        Pool stackgate = new Pool(path, new LinkedHashMap<>());
        images.forEach(image -> stackgate.volumes().put(image, new byte[0]));
        pools.put(pool, stackgate);
    }

    synchronized List<DomainState> domains() {
        return domains.values().stream().map(Domain::state).toList();
    }

    synchronized DomainState define(String xml) {
        String name = LibvirtXml.nameIn(xml);
        Matcher given = UUID_ELEMENT.matcher(xml);
        UUID uuid = given.find() ? UUID.fromString(given.group(1)) : null;
        Domain existing = domains.get(name);
        if (existing != null) {
            if (existing.uuid.equals(uuid)) {
                existing.xml = xml;
                existing.persistent = true;
                return existing.state();
            }
            Optional<DomainMetadata> wanted = DomainMetadata.in(xml);
            if (wanted.isPresent() && existing.state().metadata().equals(wanted)) {
                return existing.state();
            }
            throw failure("domain " + name + " already exists and is not this one");
        }
        if (uuid != null) {
            Optional<Domain> sameUuid = byUuid(uuid);
            if (sameUuid.isPresent()) {
                throw failure("domain '" + sameUuid.get().name + "' is already defined with uuid " + uuid);
            }
        } else {
            uuid = UUID.randomUUID();
            xml = xml.replaceFirst("</name>", "</name>\n  <uuid>" + uuid + "</uuid>");
        }
        Domain defined = new Domain(name, uuid, xml);
        domains.put(name, defined);
        return defined.state();
    }

    synchronized void start(String name) {
        existing(name).running = true;
    }

    /** The guest "shuts down" at once (as on the test driver). */
    synchronized void shutdown(String name) {
        stop(existing(name));
    }

    synchronized void reboot(String name) {
        if (!existing(name).running) {
            throw failure("Requested operation is not valid: domain is not running");
        }
    }

    synchronized void destroy(String name) {
        Domain domain = domains.get(name);
        if (domain != null) {
            stop(domain);
        }
    }

    /** A running domain becomes transient (it runs on until stopped, as with libvirt); a stopped one goes. */
    synchronized void undefine(String name) {
        Domain domain = domains.get(name);
        if (domain != null && domain.running) {
            domain.persistent = false;
        } else if (domain != null) {
            domains.remove(name);
        }
    }

    synchronized Optional<DomainState> lookup(String name) {
        return Optional.ofNullable(domains.get(name)).map(Domain::state);
    }

    synchronized Optional<DomainState> lookup(UUID uuid) {
        return byUuid(uuid).map(Domain::state);
    }

    synchronized Optional<String> domainXml(String name) {
        return Optional.ofNullable(domains.get(name)).map(domain -> domain.xml);
    }

    /** A running domain on a network with DHCP has an address of its range, kept for the domain. */
    synchronized Optional<String> ipv4Address(String name) {
        Domain domain = domains.get(name);
        if (domain == null || !domain.running) {
            return Optional.empty();
        }
        Matcher source = NETWORK_SOURCE.matcher(domain.xml);
        String network = source.find() ? networks.get(source.group(1)) : null;
        Matcher range = network == null ? null : DHCP_START.matcher(network);
        if (range == null || !range.find()) {
            return Optional.empty();
        }
        String start = range.group(1);
        return Optional.of(addresses.computeIfAbsent(source.group(1) + "/" + name, key -> {
            long taken = addresses.keySet().stream().filter(other -> other.startsWith(source.group(1) + "/")).count();
            String[] octets = start.split("\\.");
            return octets[0] + "." + octets[1] + "." + octets[2] + "." + (Integer.parseInt(octets[3]) + taken);
        }));
    }

    synchronized void ensurePool(String pool, String path) {
        pools.putIfAbsent(pool, new Pool(path, new LinkedHashMap<>()));
    }

    synchronized String ensureVolume(String pool, String volumeXml) {
        Pool storage = pool(pool);
        String name = LibvirtXml.nameIn(volumeXml);
        storage.volumes().putIfAbsent(name, new byte[0]);
        return storage.path() + "/" + name;
    }

    synchronized void upload(String pool, String volume, byte[] content) {
        Pool storage = pool(pool);
        if (!storage.volumes().containsKey(volume)) {
            throw failure("Storage volume not found: no storage vol with matching name '" + volume + "'");
        }
        storage.volumes().put(volume, content.clone());
    }

    synchronized void deleteVolume(String pool, String volume) {
        Pool storage = pools.get(pool);
        if (storage != null) {
            storage.volumes().remove(volume);
        }
    }

    synchronized Optional<String> volumePath(String pool, String volume) {
        Pool storage = pools.get(pool);
        return storage == null || !storage.volumes().containsKey(volume) ? Optional.empty()
                : Optional.of(storage.path() + "/" + volume);
    }

    synchronized List<String> volumes(String pool) {
        Pool storage = pools.get(pool);
        return storage == null ? List.of() : List.copyOf(storage.volumes().keySet());
    }

    synchronized void ensureNetwork(String networkXml) {
        networks.putIfAbsent(LibvirtXml.nameIn(networkXml), networkXml);
    }

    synchronized void deleteNetwork(String name) {
        networks.remove(name);
        addresses.keySet().removeIf(key -> key.startsWith(name + "/"));
    }

    synchronized List<String> networks() {
        return new ArrayList<>(networks.keySet());
    }

    private void stop(Domain domain) {
        domain.running = false;
        if (!domain.persistent) {
            domains.remove(domain.name);
        }
    }

    private Domain existing(String name) {
        Domain domain = domains.get(name);
        if (domain == null) {
            throw failure("Domain not found: no domain with matching name '" + name + "'");
        }
        return domain;
    }

    private Optional<Domain> byUuid(UUID uuid) {
        return domains.values().stream().filter(domain -> domain.uuid.equals(uuid)).findFirst();
    }

    private Pool pool(String pool) {
        Pool storage = pools.get(pool);
        if (storage == null) {
            throw failure("Storage pool not found: no storage pool with matching name '" + pool + "'");
        }
        return storage;
    }

    private HypervisorFailure failure(String message) {
        return new HypervisorFailure(host, message, null);
    }
}
