package io.stackgate.compute.libvirt;

import java.util.Optional;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/** Look-ups by name where "there is none" is an answer (empty), not an error. */
final class LibvirtLookups {

    private LibvirtLookups() {
    }

    static Optional<Domain> domain(Connect connection, String name) throws LibvirtException {
        try {
            return Optional.of(connection.domainLookupByName(name));
        } catch (LibvirtException e) {
            if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static Optional<StoragePool> findPool(Connect connection, String name) throws LibvirtException {
        try {
            return Optional.of(connection.storagePoolLookupByName(name));
        } catch (LibvirtException e) {
            if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_STORAGE_POOL) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static Optional<StorageVol> findVolume(StoragePool pool, String name) throws LibvirtException {
        try {
            return Optional.of(pool.storageVolLookupByName(name));
        } catch (LibvirtException e) {
            if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_STORAGE_VOL) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static Optional<Network> findNetwork(Connect connection, String name) throws LibvirtException {
        try {
            return Optional.of(connection.networkLookupByName(name));
        } catch (LibvirtException e) {
            if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_NETWORK) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
