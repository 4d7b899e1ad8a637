package io.stackgate.audit.log;

import java.time.Instant;

/**
 * The chain's head at a time, signed with the installation's Ed25519 key: rows up to {@code sequence} cannot be
 * rewritten, even with every later hash recomputed, without the signature failing.
 *
 * @param payload   the exact text signed (UTF-8): {@code stackgate-audit-checkpoint:<sequence>:<hash>:<signedAt>}
 * @param signature the Ed25519 signature of the payload, base64
 */
public record Checkpoint(long sequence, String hash, Instant signedAt, String keyId, String payload, String signature) {

    static String payload(long sequence, String hash, Instant signedAt) {
        return "stackgate-audit-checkpoint:" + sequence + ":" + hash + ":" + signedAt;
    }
}
