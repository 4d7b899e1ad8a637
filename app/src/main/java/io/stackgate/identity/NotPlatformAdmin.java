package io.stackgate.identity;

import io.stackgate.errors.DomainError;

/** Only platform admins may do this (reload tenants-config, export the realm, read the group sync report). */
public class NotPlatformAdmin extends DomainError {

    /** @param action what only platform admins do, e.g. {@code reload tenants-config} */
    public NotPlatformAdmin(String action) {
        super(Kind.FORBIDDEN, "only platform admins " + action);
    }
}
