package io.stackgate.compute;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The port to the hypervisors: one per fleet, each call names the host. Define and start, destroy and undefine
 * are idempotent: "already so" is success.
 */
interface Hypervisor {

    /** Can the host be reached right now (connecting or reconnecting if needed)? */
    boolean isUp(String host);

    /** Every domain on the host, ours (with metadata) and others. */
    List<DomainState> domains(String host);

    /** Defines the domain; a domain of that name and UUID already defined is returned as it is. */
    DomainState define(String host, String domainXml);

    void start(String host, String name);

    void destroy(String host, String name);

    void undefine(String host, String name);

    Optional<DomainState> lookup(String host, String name);

    Optional<DomainState> lookup(String host, UUID uuid);

    /**
     * @param metadata ours, empty for a domain Stackgate did not define
     */
    record DomainState(String name, UUID uuid, boolean running, Optional<DomainMetadata> metadata) {
    }
}
