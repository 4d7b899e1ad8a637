package io.stackgate.notifications.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stackgate.notifications.*}: where links in mail and webhooks point, and how the delivery worker runs.
 *
 * @param publicUrl    the portal's address, for links ({@code STACKGATE_PUBLIC_URL})
 * @param mailFrom     the sender of notice mail
 * @param batchSize    deliveries a worker round sends at most
 * @param maxAttempts  attempts before a delivery is FAILED with its last error
 * @param firstRetry   the wait after the first failure; doubled after each further one, up to {@code maxRetry}
 * @param claimFor     how long a claimed delivery may take; a claim older than that is a crash between send and mark
 * @param httpTimeout  connect and response timeout of a webhook call
 */
@ConfigurationProperties("stackgate.notifications")
public record NotificationProperties(String publicUrl, String mailFrom, Integer batchSize, Integer maxAttempts,
        Duration firstRetry, Duration maxRetry, Duration claimFor, Duration httpTimeout) {

    public NotificationProperties {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://127.0.0.1:8080" : publicUrl.replaceAll("/+$", "");
        mailFrom = mailFrom == null || mailFrom.isBlank() ? "stackgate@localhost" : mailFrom;
        batchSize = batchSize == null ? 50 : batchSize;
        maxAttempts = maxAttempts == null ? 6 : maxAttempts;
        firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
        maxRetry = maxRetry == null ? Duration.ofHours(1) : maxRetry;
        claimFor = claimFor == null ? Duration.ofMinutes(5) : claimFor;
        httpTimeout = httpTimeout == null ? Duration.ofSeconds(10) : httpTimeout;
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("stackgate.notifications.batch-size and max-attempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failed ones. */
    Duration backOff(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
