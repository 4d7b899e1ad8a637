package io.stackgate.notifications.leases;

import java.util.LinkedHashMap;
import java.util.Map;

import io.stackgate.compute.LeaseKeeper.LeaseExpired;
import io.stackgate.compute.LeaseKeeper.LeaseRenewalDue;
import io.stackgate.notifications.NewNotice;
import io.stackgate.notifications.NoticeKind;
import io.stackgate.notifications.Notifications;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a VM's owner that its lease needs renewing, and that it ended. Synchronous listeners: the notice commits with
 * the lease change that caused it, or not at all.
 */
@Component
class LeaseNotices {

    static final String RENEWAL_DUE = NoticeKind.LEASE_RENEWAL_DUE.name();
    static final String EXPIRED = NoticeKind.LEASE_EXPIRED.name();

    private final Notifications notifications;

    LeaseNotices(Notifications notifications) {
        this.notifications = notifications;
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
    }

    /** Records from before subject ids were kept carry the username as id (see migration V11). */
    private static String recipient(String ownerId, String owner) {
        return ownerId != null ? ownerId : owner;
    }
}
