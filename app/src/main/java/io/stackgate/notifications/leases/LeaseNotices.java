package io.stackgate.notifications.leases;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.stackgate.compute.ComputeEvents.VmDecommissioned;
import io.stackgate.compute.LeaseKeeper.LeaseExpired;
import io.stackgate.compute.LeaseKeeper.LeaseExtended;
import io.stackgate.compute.LeaseKeeper.LeaseRenewalDue;
import io.stackgate.notifications.NewNotice;
import io.stackgate.notifications.NoticeKind;
import io.stackgate.notifications.Notifications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a VM's owner that its lease needs renewing, that it ended (the VM is powered off), and a day before the VM is
 * deleted (a reminder scheduled at the expiry, cancelled by a renewal or an earlier decommission). Synchronous
 * listeners: the notice commits with the lease change that caused it, or not at all.
 */
@Component
class LeaseNotices {

    static final String RENEWAL_DUE = NoticeKind.LEASE_RENEWAL_DUE.name();
    static final String EXPIRED = NoticeKind.LEASE_EXPIRED.name();

    static final String DELETION_DUE = NoticeKind.LEASE_DELETION_DUE.name();

    private final Notifications notifications;
    private final Duration deletionNotice;

    LeaseNotices(Notifications notifications,
            @Value("${stackgate.notifications.deletion-notice:P1D}") Duration deletionNotice) {
        this.notifications = notifications;
        this.deletionNotice = deletionNotice;
    }

    @EventListener
    void renewalDue(LeaseRenewalDue due) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestId", due.requestId());
        details.put("vmIndex", due.vmIndex());
        details.put("domain", due.domain());
        details.put("expiresAt", due.expiresAt().toString());
        notifications.notify(new NewNotice(recipient(due.ownerId(), due.owner()), due.owner(), due.tenantId(), RENEWAL_DUE,
                "vm", due.domain(), due.requestId(), "The lease of VM " + due.domain() + " ends at " + due.expiresAt()
                        + ". Ask for a renewal (a lease-renewal request for request " + due.requestId()
                        + "), or it is powered off then.", details));
    }

    @EventListener
    void expired(LeaseExpired expired) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestId", expired.requestId());
        details.put("vmIndex", expired.vmIndex());
        details.put("domain", expired.domain());
        details.put("expiredAt", expired.expiredAt().toString());
        details.put("decommissionAt", expired.decommissionAt().toString());
        notifications.notify(new NewNotice(recipient(expired.ownerId(), expired.owner()), expired.owner(),
                expired.tenantId(), EXPIRED, "vm", expired.domain(), expired.requestId(), "The lease of VM "
                        + expired.domain() + " ended at " + expired.expiredAt() + ": it is powered off, and decommissioned at "
                        + expired.decommissionAt() + " unless a renewal (a lease-renewal request for request "
                        + expired.requestId() + ") is approved.", details));
        Instant remindAt = expired.decommissionAt().minus(deletionNotice);
        if (remindAt.isAfter(expired.expiredAt())) {
            notifications.remind(deletionSubject(expired.requestId(), expired.vmIndex()), remindAt, new NewNotice(
                    recipient(expired.ownerId(), expired.owner()), expired.owner(), expired.tenantId(), DELETION_DUE, "vm",
                    expired.domain(), expired.requestId(), "VM " + expired.domain() + " is deleted at "
                            + expired.decommissionAt() + " unless a renewal (a lease-renewal request for request "
                            + expired.requestId() + ") is approved before.", details));
        }
    }

    /** A renewal makes the deletion moot. */
    @EventListener
    void extended(LeaseExtended extended) {
        notifications.cancelReminder(deletionSubject(extended.requestId(), extended.vmIndex()));
    }

    /** Decommissioned already (by a request, or the lease ran out): nothing left to warn of. */
    @EventListener
    void decommissioned(VmDecommissioned decommissioned) {
        notifications.cancelReminder(deletionSubject(decommissioned.requestId(), decommissioned.vmIndex()));
    }

    private static String deletionSubject(String requestId, int vmIndex) {
        return "lease-deletion:" + requestId + "#" + vmIndex;
    }

    /** Records from before subject ids were kept carry the username as id (see migration V11). */
    private static String recipient(String ownerId, String owner) {
        return ownerId != null ? ownerId : owner;
    }
}
