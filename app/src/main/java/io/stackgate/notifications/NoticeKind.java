package io.stackgate.notifications;

import java.util.Arrays;
import java.util.List;

/** What a notice tells of; each has an e-mail template in English and Chinese ({@code notifications/templates}). */
public enum NoticeKind {
    /** An approval task reached the person: a candidate of its group, or its new assignee. */
    APPROVAL_TASK_ASSIGNED,
    /** A task the person could decide passed its level's SLA (the escalation timer fired). */
    APPROVAL_TASK_OVERDUE,
    /** An overdue task was escalated to a group the person is in. */
    APPROVAL_ESCALATED,
    REQUEST_APPROVED,
    REQUEST_REJECTED,
    REQUEST_COMPLETED,
    REQUEST_FAILED,
    /** A VM's lease ends soon: renew it, or it is powered off. */
    LEASE_RENEWAL_DUE,
    /** A VM's lease ended: it is powered off now and decommissioned (deleted) after the grace period. */
    LEASE_EXPIRED,
    /** A VM whose lease ended is deleted soon (a day ahead, {@code stackgate.notifications.deletion-notice}). */
    LEASE_DELETION_DUE,
    /** A project's quota use passed 80 % in some dimension (to the tenant's admins). */
    QUOTA_NEARLY_USED;

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    public static boolean known(String kind) {
        return names().contains(kind);
    }
}
