package io.stackgate.approvals;

import io.stackgate.errors.DomainError;

/** Handing a task to someone needs the user directory (Keycloak's admin API), which is not configured. */
public class DirectoryUnavailable extends DomainError {

    public DirectoryUnavailable() {
        super(Kind.UNAVAILABLE, "a task can be handed over only where the user directory (Keycloak's admin API: "
                + "STACKGATE_KEYCLOAK_CLIENT_SECRET) is configured");
    }
}
