package io.stackgate.tenancy;

/**
 * The tenants-config version this instance has in force. Every instance converges on the newest version stored in
 * the shared database (a reload on any instance stores one): call {@link #converge()} before acting on the config
 * where a stale one would undo another instance's work (the RBAC passes).
 */
public interface TenantsConfigVersion {

    /** The stored version in force on this instance. */
    long inForce();

    /**
     * Puts the newest stored version in force when it is newer than this instance's, from the stored files (not this
     * instance's folder), and publishes {@link TenantsConfigReloaded} as a reload does; one cheap query otherwise.
     */
    void converge();
}
