package io.stackgate.notifications.delivery;

/**
 * One attempt of a delivery failed. The message is kept as the delivery's last error and logged, so it says what went
 * wrong without secrets: no webhook URL (robot URLs carry their access token), no signing secret.
 */
class DeliveryFailed extends RuntimeException {

    /** @param permanent retrying cannot help (no address, no such webhook any more): FAILED at once */
    private final boolean permanent;

    DeliveryFailed(String message, boolean permanent) {
        super(scrub(message), null, false, false);
        this.permanent = permanent;
    }

    boolean permanent() {
        return permanent;
    }

    /** Drops anything that looks like a URL's path and query, and keeps the text short. */
    static String scrub(String message) {
        String text = message == null ? "unknown error" : message;
        text = text.replaceAll("(https?://[^/\\s?]+)[^\\s]*", "$1/…");
        text = text.replaceAll("(?i)(access_token|key|sign|secret|token)=[^&\\s]+", "$1=…");
        return text.length() > 900 ? text.substring(0, 900) + "…" : text;
    }
}
