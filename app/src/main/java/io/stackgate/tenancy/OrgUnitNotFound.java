package io.stackgate.tenancy;

import io.stackgate.errors.DomainError;

/** The tenant has no org unit of that id (a request names a unit its tenants-config no longer declares). */
public class OrgUnitNotFound extends DomainError {

    public OrgUnitNotFound(String tenantId, String orgUnitId) {
        super(Kind.NOT_FOUND, "org unit " + tenantId + "/" + orgUnitId + " not found");
    }
}
