package io.stackgate.requests;

import java.math.BigDecimal;
import java.util.List;

import io.stackgate.tenancy.Quota;

/**
 * What a submission would lead to, computed without submitting it: its cost, how it fits the quota, and the approval
 * levels the tenant's approval chain would ask for (none: pre-approved).
 *
 * @param spec the spec as it would be stored (defaults filled in)
 */
public record RequestPreview(String tenant, String project, String orgUnit, String type, RequestSpec spec,
        Money estimatedMonthlyCost, QuotaFit quota, boolean preApproved, List<PlannedLevel> approvalLevels) {

    public record Money(BigDecimal amount, String currency) {
    }

    /**
     * The request's demand beside the project's and the tenant's quota and what their reservations hold now.
     *
     * @param fits     false: the request goes over quota (and the tenant admin must approve it)
     * @param exceeded the dimensions it would exceed, e.g. {@code project.vcpus}, {@code tenant.gpus}
     */
    public record QuotaFit(Quota limits, Quota used, Quota requested, Quota remainingAfter, Quota tenantLimits,
            Quota tenantUsed, Quota tenantRemainingAfter, boolean fits, List<String> exceeded) {
    }

    /**
     * One level of the approval chain, in chain order.
     *
     * @param candidateGroup who would be asked (the group resolved for the project's org unit)
     * @param sla            how long a task of this level may wait before it escalates, ISO-8601 ({@code PT48H})
     */
    public record PlannedLevel(String level, String candidateGroup, String sla, long slaHours) {
    }
}
