package io.stackgate.requests;

import io.stackgate.errors.DomainError;

/** No such tenant, or one the caller may not see. */
public class TenantNotFound extends DomainError {

    TenantNotFound(String message) {
        super(Kind.NOT_FOUND, message);
    }
}
