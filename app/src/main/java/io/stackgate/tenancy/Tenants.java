package io.stackgate.tenancy;

import java.util.List;
import java.util.Optional;

/** The tenants as loaded from {@code tenants-config/}; a reload swaps them atomically. */
public interface Tenants {

    List<Tenant> all();

    Optional<Tenant> find(String tenantId);

    /** The org unit's path from the tenant root, e.g. {@code engineering/platform}. */
    Optional<String> orgUnitPath(String tenantId, String orgUnitId);

    /** The approver group of a level for a request raised by the given org unit. */
    String approverGroup(String tenantId, String level, String orgUnitId);
}
