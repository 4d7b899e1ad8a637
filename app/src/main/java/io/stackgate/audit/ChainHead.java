package io.stackgate.audit;

/**
 * The newest link of the audit chain.
 *
 * @param sequence the newest row's sequence (0: none yet)
 * @param hash     its SHA-256 hash, 64 lower-case hex digits
 */
public record ChainHead(long sequence, String hash) {

    /** The "previous hash" of the first row. */
    public static final String GENESIS = "0".repeat(64);
}
