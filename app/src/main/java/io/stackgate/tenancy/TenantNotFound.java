package io.stackgate.tenancy;

import io.stackgate.errors.DomainError;

/** No tenant of that id is in force, or none the caller may see. */
public class TenantNotFound extends DomainError {

    public TenantNotFound(String tenantId) {
        super(Kind.NOT_FOUND, "tenant " + tenantId + " not found");
    }
}
