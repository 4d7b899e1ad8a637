package io.stackgate.notifications.delivery;

import java.time.Instant;

import io.stackgate.notifications.NewNotice;
import io.stackgate.tenancy.Tenants;
import io.stackgate.tenancy.Webhook;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Decides, with the notice, which channels deliver it, and writes one delivery row per channel in the same
 * transaction: mail when mail is configured ({@code spring.mail.host}) and the recipient gave an address and did not
 * mute the kind; every webhook of the notice's tenant that receives the kind.
 */
@Component
public class Outbox {

    private final DeliveryStore deliveries;
    private final Tenants tenants;
    private final ObjectProvider<JavaMailSender> mail;

    Outbox(DeliveryStore deliveries, Tenants tenants, ObjectProvider<JavaMailSender> mail) {
        this.deliveries = deliveries;
        this.tenants = tenants;
        this.mail = mail;
    }

    /** @param email the recipient's address, or null for no mail (none given, or the kind is muted) */
    public void enqueue(long noticeId, NewNotice notice, String email, Instant now) {
        if (email != null && mail.getIfAvailable() != null) {
            deliveries.insert(noticeId, Channel.MAIL, now);
        }
        if (notice.tenantId() != null) {
            tenants.find(notice.tenantId()).ifPresent(tenant -> tenant.webhooks().stream()
                    .filter(hook -> hook.receives(notice.kind()))
                    .map(Webhook::name)
                    .forEach(name -> deliveries.insert(noticeId, Channel.WEBHOOK_PREFIX + name, now)));
        }
    }
}
