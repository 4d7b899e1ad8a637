package io.stackgate.notifications.delivery;

/** Names of delivery channels as the {@code notification_delivery.channel} column keeps them. */
final class Channel {

    static final String MAIL = "mail";
    static final String WEBHOOK_PREFIX = "webhook:";

    private Channel() {
    }

    /** The key a receiver can drop a repeat by: the same for every attempt of one notice on one channel. */
    static String idempotencyKey(long noticeId, String channel) {
        return "stackgate-notice-" + noticeId + "-" + channel.replace(':', '-');
    }
}
