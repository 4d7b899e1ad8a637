package io.stackgate.tenancy;

import io.stackgate.errors.DomainError;

/** The tenant's approval policy has no level of that name (the decision named a level the tenant does not declare). */
public class ApprovalLevelNotFound extends DomainError {

    public ApprovalLevelNotFound(String tenantId, String level) {
        super(Kind.NOT_FOUND, "approval level " + tenantId + "/" + level + " not found");
    }
}
