package io.stackgate.requests;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Request ids as time-ordered UUIDs (RFC 9562 version 7: 48 bits of milliseconds, a 12-bit counter within the
 * millisecond, 62 random bits). Their text sorts in the order they were made, so "newest first" stays right among
 * requests of the same second — MySQL's timestamps keep whole seconds (Camunda needs {@code sendFractionalSeconds=false}).
 */
final class RequestIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private long lastMillis;
    private int counter;

    synchronized String next(Instant now) {
        long millis = now.toEpochMilli();
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = 0;
        } else if (++counter > 0xFFF) {
            lastMillis++;
            counter = 0;
        }
        long high = (lastMillis << 16) | 0x7000L | counter;
        long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
