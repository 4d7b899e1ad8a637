package io.stackgate.tenancy;

import java.time.Duration;
import java.util.Map;

/**
 * An approval level of a tenant's policy (e.g. {@code dept-manager}).
 *
 * @param group          the approver group when no org-unit specific group applies
 * @param orgUnitGroups  org unit id → approver group; the requesting unit's closest ancestor listed wins
 * @param sla            how long a task of this level may wait before it escalates
 */
public record ApprovalLevel(String name, Duration sla, String group, Map<String, String> orgUnitGroups) {

    public ApprovalLevel {
        orgUnitGroups = Map.copyOf(orgUnitGroups);
    }
}
