package io.stackgate.tenancy;

import io.stackgate.errors.DomainError;

/**
 * An approval level names no group for the requesting org unit: none of its {@code orgUnitGroups} covers the unit or
 * its ancestors, and the level has no fallback {@code group}.
 */
public class NoApproverGroup extends DomainError {

    public NoApproverGroup(String tenantId, String level, String orgUnitId) {
        super(Kind.NOT_FOUND, "approver group of level " + tenantId + "/" + level + " for org unit " + orgUnitId
                + " not found");
    }
}
