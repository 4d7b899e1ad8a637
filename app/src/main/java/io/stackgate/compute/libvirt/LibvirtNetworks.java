package io.stackgate.compute.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.libvirt.LibvirtException;
import org.libvirt.Network;

/** The networks part of {@link LibvirtHypervisor}: the projects' isolated networks. */
final class LibvirtNetworks {

    private final LibvirtConnections connections;

    LibvirtNetworks(LibvirtConnections connections) {
        this.connections = connections;
    }

    void ensureNetwork(String host, String networkXml) {
        String name = LibvirtXml.nameIn(networkXml);
        connections.call(host, connection -> {
            Network network = LibvirtLookups.findNetwork(connection, name).orElse(null);
            if (network == null) {
                try {
                    network = connection.networkDefineXML(networkXml);
                } catch (LibvirtException e) {
                    // defined by a concurrent call (another VM of the project) between the lookup and here
                    network = LibvirtLookups.findNetwork(connection, name).orElseThrow(() -> e);
                }
            }
            if (network.isActive() != 1) {
                try {
                    network.create();
                } catch (LibvirtException e) {
                    if (network.isActive() != 1) {
                        throw e;
                    }
                }
            }
            network.setAutostart(true);
            return null;
        });
    }

    void deleteNetwork(String host, String name) {
        connections.call(host, connection -> {
            Optional<Network> network = LibvirtLookups.findNetwork(connection, name);
            if (network.isPresent()) {
                if (network.get().isActive() == 1) {
                    network.get().destroy();
                }
                network.get().undefine();
            }
            return null;
        });
    }

    List<String> networks(String host) {
        return connections.call(host, connection -> {
            List<String> names = new ArrayList<>(List.of(connection.listNetworks()));
            names.addAll(List.of(connection.listDefinedNetworks()));
            return names;
        });
    }
}
