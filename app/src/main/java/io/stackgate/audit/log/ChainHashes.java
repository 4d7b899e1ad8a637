package io.stackgate.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.stackgate.audit.AuditEntry;

/**
 * The chain's hash of a row: SHA-256 over its fields, each written as its length and its UTF-8 bytes (so that no two
 * different rows read the same), the previous row's hash last. Anyone can recompute it from an export of the table.
 */
public final class ChainHashes {

    private ChainHashes() {
    }

    public static String of(AuditEntry entry) {
        MessageDigest sha = sha256();
        field(sha, Long.toString(entry.sequence()));
        field(sha, entry.at().toString());
        field(sha, entry.actorId());
        field(sha, entry.actorName());
        field(sha, entry.actingFor());
        field(sha, entry.tenant());
        field(sha, entry.subjectKind());
        field(sha, entry.subjectId());
        field(sha, entry.requestId());
        field(sha, entry.action());
        field(sha, entry.details());
        field(sha, entry.prevHash());
        return HexFormat.of().formatHex(sha.digest());
    }

    /** SHA-256 of bytes, as 64 lower-case hex digits (archive files). */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update("-1:".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
