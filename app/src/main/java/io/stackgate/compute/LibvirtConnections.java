package io.stackgate.compute;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One libvirt connection per host, opened on first use, reused, and reopened once when a call fails because the
 * connection broke. libvirt's own error printing is silenced: errors reach us as exceptions.
 */
@Component
class LibvirtConnections {

    private static final Logger log = LoggerFactory.getLogger(LibvirtConnections.class);
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

    /** Work on one host's connection. */
    interface Call<T> {
        T on(Connect connection) throws LibvirtException;
    }

    private final Fleet fleet;
    private final Map<String, Connect> connections = new ConcurrentHashMap<>();


    LibvirtConnections(Fleet fleet) {
        this.fleet = fleet;
    }

    /** Whether the host is libvirt's in-process test driver (which keeps no volume content). */
    boolean isTestDriver(String host) {
        return fleet.host(host).map(h -> h.uri().startsWith("test:")).orElse(false);
    }

    @PreDestroy
    void closeAll() {
        connections.keySet().forEach(this::close);
    }

    /** Runs the call on the host's connection; a broken connection is reopened and the call tried once more. */
    <T> T call(String host, Call<T> call) {
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

}
