package io.stackgate.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link Hypervisor} on libvirt ({@code org.libvirt}): one connection per host, opened on first use, reused,
 * and reopened once when a call fails because the connection broke.
 */
@Component
class LibvirtHypervisor implements Hypervisor {

    private static final Logger log = LoggerFactory.getLogger(LibvirtHypervisor.class);
    private static final Set<ErrorNumber> BROKEN_CONNECTION = Set.of(ErrorNumber.VIR_ERR_SYSTEM_ERROR,
            ErrorNumber.VIR_ERR_RPC, ErrorNumber.VIR_ERR_NO_CONNECT, ErrorNumber.VIR_ERR_INVALID_CONN);

    // libvirt prints every error to stderr unless a callback takes them; errors reach us as exceptions anyway.
    // A static field: JNA must not lose the callback to the garbage collector.
    private static final Libvirt.VirErrorCallback QUIET = (userData, error) -> { };

    static {
        try {
            Connect.setErrorCallback(QUIET);
        } catch (LibvirtException e) {
            log.warn("could not silence libvirt's error output: {}", e.getMessage());
        }
    }

    private interface Call<T> {
        T on(Connect connection) throws LibvirtException;
    }

    private final Fleet fleet;
    private final Map<String, Connect> connections = new ConcurrentHashMap<>();

    LibvirtHypervisor(Fleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public boolean isUp(String host) {
        try {
            return call(host, connection -> connection.isAlive() || connection.getLibVersion() > 0);
        } catch (HypervisorFailure e) {
            return false;
        }
    }

    @Override
    public List<DomainState> domains(String host) {
        return call(host, connection -> {
            List<DomainState> states = new ArrayList<>();
            for (Domain domain : connection.listAllDomains(0)) {
                states.add(state(domain));
            }
            return states;
        });
    }

    @Override
    public DomainState define(String host, String domainXml) {
        Optional<DomainMetadata> wanted = DomainMetadata.in(domainXml);
        return call(host, connection -> {
            try {
                return state(connection.domainDefineXML(domainXml));
            } catch (LibvirtException e) {
                if (!alreadyExists(e)) {
                    throw e;
                }
                String name = nameIn(domainXml);
                DomainState existing = state(connection.domainLookupByName(name));
                if (wanted.isPresent() && existing.metadata().equals(wanted)) {
                    return existing;
                }
                throw new HypervisorFailure(host, "domain " + name + " already exists and is not this one", e);
            }
        });
    }

    @Override
    public void start(String host, String name) {
        call(host, connection -> {
            Domain domain = connection.domainLookupByName(name);
            if (domain.isActive() == 0) {
                domain.create();
            }
            return null;
        });
    }

    @Override
    public void destroy(String host, String name) {
        call(host, connection -> {
            Optional<Domain> domain = find(connection, name);
            if (domain.isPresent() && domain.get().isActive() == 1) {
                domain.get().destroy();
            }
            return null;
        });
    }

    @Override
    public void undefine(String host, String name) {
        call(host, connection -> {
            Optional<Domain> domain = find(connection, name);
            if (domain.isPresent()) {
                domain.get().undefine();
            }
            return null;
        });
    }

    @Override
    public Optional<DomainState> lookup(String host, String name) {
        return call(host, connection -> {
            Optional<Domain> domain = find(connection, name);
            return domain.isPresent() ? Optional.of(state(domain.get())) : Optional.empty();
        });
    }

    @Override
    public Optional<DomainState> lookup(String host, UUID uuid) {
        return call(host, connection -> {
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

    @PreDestroy
    void closeAll() {
        connections.keySet().forEach(this::close);
    }

    /** Runs the call on the host's connection; a broken connection is reopened and the call tried once more. */
    private <T> T call(String host, Call<T> call) {
        try {
            return call.on(connection(host));
        } catch (LibvirtException first) {
            if (!BROKEN_CONNECTION.contains(first.getError().getCode())) {
                throw new HypervisorFailure(host, first.getMessage(), first);
            }
            log.info("libvirt connection to {} broke ({}); reconnecting", host, first.getMessage());
            close(host);
            try {
                return call.on(connection(host));
            } catch (LibvirtException second) {
                close(host);
                throw new HypervisorFailure(host, second.getMessage(), second);
            }
        }
    }

    private Connect connection(String host) throws LibvirtException {
        Connect existing = connections.get(host);
        if (existing != null) {
            return existing;
        }
        synchronized (connections) {
            existing = connections.get(host);
            if (existing == null) {
                String uri = fleet.host(host).orElseThrow(() -> new IllegalArgumentException("unknown host " + host)).uri();
                existing = new Connect(uri);
                connections.put(host, existing);
            }
            return existing;
        }
    }

    private void close(String host) {
        Connect connection = connections.remove(host);
        if (connection != null) {
            try {
                connection.close();
            } catch (LibvirtException e) {
                log.debug("closing the connection to {}: {}", host, e.getMessage());
            }
        }
    }

    private static Optional<Domain> find(Connect connection, String name) throws LibvirtException {
        try {
            return Optional.of(connection.domainLookupByName(name));
        } catch (LibvirtException e) {
            if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return Optional.empty();
            }
            throw e;
        }
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

    private static String nameIn(String domainXml) {
        int start = domainXml.indexOf("<name>");
        int end = domainXml.indexOf("</name>", start);
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("domain XML without <name>");
        }
        return domainXml.substring(start + "<name>".length(), end).trim();
    }
}
