package io.stackgate.compute;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The port to the hypervisors: one per fleet, each call names the host. Every "ensure" adopts what already exists
 * under that name; every delete, destroy and undefine of something that is not there is a success. So each
 * provisioning step can run again after a crash or a retry without duplicating anything. A host that cannot be
 * reached, or does not answer in time, fails the call with a {@link HypervisorFailure} naming the host and why.
 */
public interface Hypervisor {

    /**
     * Whether the host answers, and if not why; answers within a short bound even when the host hangs (a recent
     * answer may be reused), so callers that only choose among hosts never wait on one that does not answer.
     */
    HostStatus status(String host);

    /** Can the host be reached right now? See {@link #status}. */
    default boolean isUp(String host) {
        return status(host).up();
    }

    // --- domains ---

    /** Every domain on the host, ours (with metadata) and others. */
    List<DomainState> domains(String host);

    /** Defines the domain; a domain of that name carrying the same metadata is returned as it is. */
    DomainState define(String host, String domainXml);

    void start(String host, String name);

    /** Asks the guest to shut down (ACPI); returns at once. */
    void shutdown(String host, String name);

    void reboot(String host, String name);

    /** Hard power-off. */
    void destroy(String host, String name);

    /** Removes the definition and its UEFI variable store (NVRAM), if any. */
    void undefine(String host, String name);

    Optional<DomainState> lookup(String host, String name);

    Optional<DomainState> lookup(String host, UUID uuid);

    /** The domain's definition as libvirt holds it. */
    Optional<String> domainXml(String host, String name);

    /** The IPv4 address the domain's network handed out (from the DHCP lease), if known. */
    Optional<String> ipv4Address(String host, String name);

    // --- storage ---

    /** A {@code dir} storage pool at {@code path}, defined, built, started and set to autostart. */
    void ensurePool(String host, String pool, String path);

    /** Creates the volume described by the XML in the pool (adopting one of the same name); answers its path. */
    String ensureVolume(String host, String pool, String volumeXml);

    /** Replaces the volume's content with these bytes. */
    void upload(String host, String pool, String volume, byte[] content);

    void deleteVolume(String host, String pool, String volume);

    /** The volume's path on the host, if it exists. */
    Optional<String> volumePath(String host, String pool, String volume);

    List<String> volumes(String host, String pool);

    // --- networks ---

    /** Defines and starts the network (adopting a running or stopped one of the same name). */
    void ensureNetwork(String host, String networkXml);

    void deleteNetwork(String host, String name);

    List<String> networks(String host);

    /**
     * @param metadata ours, empty for a domain Stackgate did not define
     */
    public record DomainState(String name, UUID uuid, boolean running, Optional<DomainMetadata> metadata) {
    }
}
