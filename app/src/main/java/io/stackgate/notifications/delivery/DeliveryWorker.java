package io.stackgate.notifications.delivery;

import java.time.Instant;

import io.stackgate.notifications.delivery.DeliveryStore.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds, one (notice, channel) delivery at a time: claims it (SENDING, with a lease) in its own
 * committed statement, sends it, then marks it DELIVERED — or PENDING again after an exponential back-off, or FAILED
 * with the last error once {@code max-attempts} are used.
 *
 * <p>A claim whose lease ran out means a worker died (or hung) between sending and marking: the delivery may have
 * gone out. The rule is "nothing twice": such a delivery is sent again only on a channel whose receiver drops a
 * repeat by its {@code Idempotency-Key} (a {@code generic} webhook: at-least-once, same key); mail and the robot
 * webhooks (DingTalk, WeCom, Feishu) cannot, so it becomes UNCERTAIN and is never sent again (at-most-once).
 */
@Component
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryStore store;
    private final NoticeTemplates templates;
    private final MailChannel mail;
    private final WebhookChannel webhooks;
    private final NotificationProperties properties;

    DeliveryWorker(DeliveryStore store, NoticeTemplates templates, MailChannel mail, WebhookChannel webhooks,
            NotificationProperties properties) {
        this.store = store;
        this.templates = templates;
        this.mail = mail;
        this.webhooks = webhooks;
        this.properties = properties;
    }

    /** One round: settles claims that ran out, then attempts up to a batch of due deliveries; answers how many went out. */
    public int deliverDue(Instant now) {
        for (Delivery stale : store.expiredClaims(now, properties.batchSize())) {
            settleExpiredClaim(stale, now);
        }
        int delivered = 0;
        for (Delivery due : store.due(now, properties.batchSize())) {
            if (claim(due, now) && attempt(due, now)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Takes the delivery for one attempt, durably, before anything is sent. */
    boolean claim(Delivery delivery, Instant now) {
        return store.claim(delivery, now.plus(properties.claimFor()));
    }

    /** Sends a claimed delivery and marks the outcome. */
    private boolean attempt(Delivery delivery, Instant now) {
        int attempt = delivery.attempts() + 1;
        try {
            send(delivery);
            store.delivered(delivery.id(), now);
            return true;
        } catch (DeliveryFailed e) {
            failed(delivery, attempt, e.getMessage(), e.permanent(), now);
        } catch (RuntimeException e) {
            failed(delivery, attempt, DeliveryFailed.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()), false,
                    now);
        }
        return false;
    }

    /** The sending alone, without marking (what a crash between the two leaves behind). */
    void send(Delivery delivery) {
        DeliveryStore.Outgoing notice = store.outgoing(delivery.noticeId())
                .orElseThrow(() -> new DeliveryFailed("notice " + delivery.noticeId() + " is gone", true));
        NoticeTemplates.Rendered text = templates.render(notice);
        String key = Channel.idempotencyKey(delivery.noticeId(), delivery.channel());
        if (Channel.MAIL.equals(delivery.channel())) {
            mail.send(notice, text, key);
        } else if (delivery.channel().startsWith(Channel.WEBHOOK_PREFIX)) {
            webhooks.send(delivery.channel().substring(Channel.WEBHOOK_PREFIX.length()), notice, text, key);
        } else {
            throw new DeliveryFailed("unknown channel " + delivery.channel(), true);
        }
    }

    private void failed(Delivery delivery, int attempt, String error, boolean permanent, Instant now) {
        if (permanent || attempt >= properties.maxAttempts()) {
            log.warn("notice {} by {}: attempt {} failed, giving up: {}", delivery.noticeId(), delivery.channel(), attempt,
                    error);
            store.failed(delivery.id(), error);
        } else {
            Instant next = now.plus(properties.backOff(attempt));
            log.info("notice {} by {}: attempt {} failed, next at {}: {}", delivery.noticeId(), delivery.channel(),
                    attempt, next, error);
            store.retryAt(delivery.id(), next, error);
        }
    }

    private void settleExpiredClaim(Delivery stale, Instant now) {
        boolean dedupes = stale.channel().startsWith(Channel.WEBHOOK_PREFIX) && store.outgoing(stale.noticeId())
                .map(notice -> webhooks.dedupes(notice.tenantId(),
                        stale.channel().substring(Channel.WEBHOOK_PREFIX.length())))
                .orElse(false);
        if (dedupes && stale.attempts() < properties.maxAttempts()) {
            log.warn("notice {} by {}: a claim ran out (a crash between send and mark?); sending again with the same "
                    + "Idempotency-Key", stale.noticeId(), stale.channel());
            store.retryAt(stale.id(), now, "claim ran out; sent again with the same Idempotency-Key");
        } else {
            log.warn("notice {} by {}: a claim ran out (a crash between send and mark?); it may have been sent and its "
                    + "receiver cannot drop a repeat, so it is not sent again", stale.noticeId(), stale.channel());
            store.uncertain(stale.id(), "claim ran out: may have been sent; not sent again (at most once)");
        }
    }
}
