package io.stackgate.compute.reconciliation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.stackgate.compute.Hypervisor.DomainState;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.libvirt.DomainSize;

/**
 * What one host has, read before reconciliation opens its transaction (no database connection waits on libvirt).
 *
 * @param domains every domain on the host by name, ours and others (a record's domain may have lost our metadata)
 * @param sizes   the vCPUs and memory of our domains (those with our metadata), by name
 */
record HostSnapshot(Map<String, DomainState> domains, Map<String, DomainSize> sizes) {

    static HostSnapshot of(Hypervisor hypervisor, String host) {
        Map<String, DomainState> domains = new LinkedHashMap<>();
        Map<String, DomainSize> sizes = new HashMap<>();
        for (DomainState domain : hypervisor.domains(host)) {
            domains.put(domain.name(), domain);
            if (domain.metadata().isPresent()) {
                // a domain undefined since the listing has no XML any more: no size, nothing to compare
                hypervisor.domainXml(host, domain.name()).flatMap(DomainSize::in)
                        .ifPresent(size -> sizes.put(domain.name(), size));
            }
        }
        return new HostSnapshot(domains, sizes);
    }
}
