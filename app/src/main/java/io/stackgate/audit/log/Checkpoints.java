package io.stackgate.audit.log;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.stackgate.audit.ChainHead;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Signs the chain's head now and then, and lists the signatures with the public key for offline checks. */
@Service
public class Checkpoints {

    /** The public half of the signing key as an auditor needs it. */
    public record PublicKeyView(String algorithm, String keyId, String publicKey, String pem) {
    }

    private final JdbcClient jdbc;
    private final AuditStore store;
    private final SigningKey key;
    private final Clock clock;

    Checkpoints(JdbcClient jdbc, AuditStore store, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.key = SigningKey.load(properties.signingKeyFile());
        this.clock = clock;
    }

    /** Signs the head if it moved since the last checkpoint; the new checkpoint, or empty when there was nothing new. */
    @Transactional
    public Optional<Checkpoint> sign() {
        ChainHead head = store.head();
        long last = jdbc.sql("select coalesce(max(seq), 0) from audit_checkpoint").query(Long.class).single();
        if (head.sequence() == 0 || head.sequence() <= last) {
            return Optional.empty();
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String payload = Checkpoint.payload(head.sequence(), head.hash(), at);
        Checkpoint checkpoint = new Checkpoint(head.sequence(), head.hash(), at, key.id(), payload, key.sign(payload));
        jdbc.sql("insert into audit_checkpoint (seq, hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?)")
                .params(checkpoint.sequence(), checkpoint.hash(), Timestamp.from(at), checkpoint.keyId(),
                        checkpoint.signature())
                .update();
        return Optional.of(checkpoint);
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public Page<Checkpoint> list(PageRequest page) {
        long total = jdbc.sql("select count(*) from audit_checkpoint").query(Long.class).single();
        List<Checkpoint> items = jdbc.sql("select seq, hash, signed_at, key_id, signature from audit_checkpoint "
                        + "order by seq desc limit ? offset ?")
                .params(page.size(), page.offset()).query((rs, row) -> checkpoint(rs.getLong("seq"),
                        rs.getString("hash"), rs.getTimestamp("signed_at").toInstant(), rs.getString("key_id"),
                        rs.getString("signature")))
                .list();
        return Page.of(items, page, total);
    }

    /** Every checkpoint after {@code afterSeq}, oldest first (verification). */
    List<Checkpoint> after(long afterSeq) {
        return jdbc.sql("select seq, hash, signed_at, key_id, signature from audit_checkpoint where seq > ? order by seq")
                .param(afterSeq).query((rs, row) -> checkpoint(rs.getLong("seq"), rs.getString("hash"),
                        rs.getTimestamp("signed_at").toInstant(), rs.getString("key_id"), rs.getString("signature")))
                .list();
    }

    boolean holds(Checkpoint checkpoint) {
        return checkpoint.keyId().equals(key.id()) && key.verifies(checkpoint.payload(), checkpoint.signature());
    }

    public PublicKeyView publicKey() {
        byte[] der = key.publicKey().getEncoded();
        return new PublicKeyView("Ed25519", key.id(), java.util.Base64.getEncoder().encodeToString(der),
                SigningKey.pem("PUBLIC", der));
    }

    private static Checkpoint checkpoint(long seq, String hash, Instant at, String keyId, String signature) {
        return new Checkpoint(seq, hash, at, keyId, Checkpoint.payload(seq, hash, at), signature);
    }
}
