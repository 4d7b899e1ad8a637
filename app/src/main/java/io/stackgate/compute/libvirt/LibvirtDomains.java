package io.stackgate.compute.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.stackgate.compute.DomainMetadata;
import io.stackgate.compute.Hypervisor.DomainState;
import io.stackgate.compute.HypervisorFailure;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/** The domains part of {@link LibvirtHypervisor}: define, start, stop, undefine and look up domains. */
final class LibvirtDomains {

    /** VIR_DOMAIN_UNDEFINE_NVRAM: the binding names only the older flags. */
    private static final int UNDEFINE_NVRAM = 4;

    private final LibvirtConnections connections;

    LibvirtDomains(LibvirtConnections connections) {
        this.connections = connections;
    }

    List<DomainState> domains(String host) {
        return connections.call(host, connection -> {
            List<DomainState> states = new ArrayList<>();
            for (Domain domain : connection.listAllDomains(0)) {
                states.add(state(domain));
            }
            return states;
        });
    }

    DomainState define(String host, String domainXml) {
        Optional<DomainMetadata> wanted = DomainMetadata.in(domainXml);
        return connections.call(host, connection -> {
            try {
                return state(connection.domainDefineXML(domainXml));
            } catch (LibvirtException e) {
                if (!alreadyExists(e)) {
                    throw e;
                }
                String name = LibvirtXml.nameIn(domainXml);
                DomainState existing = state(connection.domainLookupByName(name));
                if (wanted.isPresent() && existing.metadata().equals(wanted)) {
                    return existing;
                }
                throw new HypervisorFailure(host, "domain " + name + " already exists and is not this one", e);
            }
        });
    }

    void start(String host, String name) {
        connections.call(host, connection -> {
            Domain domain = connection.domainLookupByName(name);
            if (domain.isActive() == 0) {
                domain.create();
            }
            return null;
        });
    }

    void shutdown(String host, String name) {
        connections.call(host, connection -> {
            Domain domain = connection.domainLookupByName(name);
            if (domain.isActive() == 1) {
                domain.shutdown();
            }
            return null;
        });
    }

    void reboot(String host, String name) {
        connections.call(host, connection -> {
            connection.domainLookupByName(name).reboot(0);
            return null;
        });
    }

    void destroy(String host, String name) {
        connections.call(host, connection -> {
            Optional<Domain> domain = LibvirtLookups.domain(connection, name);
            if (domain.isPresent() && domain.get().isActive() == 1) {
                domain.get().destroy();
            }
            return null;
        });
    }

    void undefine(String host, String name) {
        connections.call(host, connection -> {
            Optional<Domain> domain = LibvirtLookups.domain(connection, name);
            if (domain.isPresent()) {
                try {
                    domain.get().undefine(UNDEFINE_NVRAM);
                } catch (LibvirtException e) {
                    // drivers without UEFI support (the test driver) refuse the flag; they hold no NVRAM either
                    if (e.getError().getCode() != ErrorNumber.VIR_ERR_INVALID_ARG
                            && e.getError().getCode() != ErrorNumber.VIR_ERR_NO_SUPPORT) {
                        throw e;
                    }
                    domain.get().undefine();
                }
            }
            return null;
        });
    }

    Optional<DomainState> lookup(String host, String name) {
        return connections.call(host, connection -> {
            Optional<Domain> domain = LibvirtLookups.domain(connection, name);
            return domain.isPresent() ? Optional.of(state(domain.get())) : Optional.empty();
        });
    }

    Optional<DomainState> lookup(String host, UUID uuid) {
        return connections.call(host, connection -> {
            try {
                return Optional.of(state(connection.domainLookupByUUID(uuid)));
            } catch (LibvirtException e) {
                if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    Optional<String> domainXml(String host, String name) {
        return connections.call(host, connection -> {
            Optional<Domain> domain = LibvirtLookups.domain(connection, name);
            return domain.isPresent() ? Optional.of(domain.get().getXMLDesc(0)) : Optional.empty();
        });
    }

    Optional<String> ipv4Address(String host, String name) {
        return connections.call(host, connection -> {
            Optional<Domain> domain = LibvirtLookups.domain(connection, name);
            if (domain.isEmpty() || domain.get().isActive() != 1) {
                return Optional.empty();
            }
            try {
                return domain.get().interfaceAddresses(Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, 0)
                        .stream().flatMap(nic -> nic.addrs.stream())
                        .map(address -> address.address)
                        .filter(address -> address instanceof java.net.Inet4Address)
                        .map(java.net.InetAddress::getHostAddress)
                        .findFirst();
            } catch (LibvirtException e) {
                if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_SUPPORT) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private static DomainState state(Domain domain) throws LibvirtException {
        return new DomainState(domain.getName(), UUID.fromString(domain.getUUIDString()), domain.isActive() == 1,
                DomainMetadata.in(domain.getXMLDesc(0)));
    }

    private static boolean alreadyExists(LibvirtException e) {
        ErrorNumber code = e.getError().getCode();
        return code == ErrorNumber.VIR_ERR_DOM_EXIST
                || (code == ErrorNumber.VIR_ERR_OPERATION_FAILED && String.valueOf(e.getMessage()).contains("already exists"));
    }
}
