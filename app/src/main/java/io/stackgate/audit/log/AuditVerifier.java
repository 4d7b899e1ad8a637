package io.stackgate.audit.log;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stackgate.audit.AuditEntry;
import io.stackgate.audit.ChainHead;
import io.stackgate.audit.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the chain from its start (the last archived row, else the genesis): every row must follow the one
 * before without a gap, link to its hash and hash to its own; the head must name the last row; every signed checkpoint
 * must verify and match the row it signed. Names the first sequence that does not hold. The last result is kept for
 * the health indicator and the {@code stackgate.audit.chain.valid} gauge.
 */
@Service
public class AuditVerifier {

    private static final Logger log = LoggerFactory.getLogger(AuditVerifier.class);
    private static final int BATCH = 5000;

    private final AuditStore store;
    private final Checkpoints checkpoints;
    private final AuditArchive archive;
    private final AtomicReference<Verification> last = new AtomicReference<>();

    AuditVerifier(AuditStore store, Checkpoints checkpoints, AuditArchive archive, MeterRegistry meters) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.archive = archive;
        Gauge.builder("stackgate.audit.chain.valid", last, v -> v.get() == null ? Double.NaN : v.get().valid() ? 1 : 0)
                .description("1 when the last verification of the audit chain found it intact, 0 when tampered with")
                .register(meters);
    }

    @Transactional(readOnly = true)
    public Verification verify() {
        ChainHead start = archive.startOfChain();
        ChainHead head = store.head();
        Deque<Checkpoint> signed = new ArrayDeque<>(checkpoints.after(start.sequence()));
        Walk walk = new Walk(start, signed);
        // rows past the head are read too: a row appended behind the head's back is an insertion
        store.forEachFrom(start.sequence(), Long.MAX_VALUE, BATCH, walk::next);
        Verification chain = walk.finish(head);
        Verification result = !chain.valid() ? chain : archive.brokenArchive().map(broken -> new Verification(false,
                chain.checked(), head, Long.parseLong(broken[0]), broken[1])).orElse(chain);
        last.set(result);
        if (!result.valid()) {
            log.error("AUDIT CHAIN BROKEN at sequence {}: {}", result.firstBroken(), result.reason());
        }
        return result;
    }

    /** The result of the last verification, or null before the first. */
    public Verification lastResult() {
        return last.get();
    }

    private final class Walk {
        private long expected;
        private String previous;
        private long checked;
        private Long broken;
        private String reason;
        private final Deque<Checkpoint> signed;

        Walk(ChainHead start, Deque<Checkpoint> signed) {
            this.expected = start.sequence() + 1;
            this.previous = start.hash();
            this.signed = signed;
        }

        void next(AuditEntry row) {
            if (broken != null) {
                return;
            }
            checked++;
            if (row.sequence() != expected) {
                fail(expected, "row " + expected + " is missing (the next row is " + row.sequence() + ")");
            } else if (!row.prevHash().equals(previous)) {
                fail(row.sequence(), "row " + row.sequence() + " does not link to the row before it (inserted or replaced)");
            } else if (!ChainHashes.of(row).equals(row.hash())) {
                fail(row.sequence(), "row " + row.sequence() + " was altered: its fields no longer hash to its hash");
            } else {
                while (!signed.isEmpty() && signed.peekFirst().sequence() == row.sequence()) {
                    Checkpoint checkpoint = signed.removeFirst();
                    if (!checkpoints.holds(checkpoint)) {
                        fail(row.sequence(), "the signed checkpoint at row " + row.sequence() + " does not verify");
                        return;
                    }
                    if (!checkpoint.hash().equals(row.hash())) {
                        fail(row.sequence(), "row " + row.sequence() + " differs from its signed checkpoint: the chain "
                                + "up to it was rewritten");
                        return;
                    }
                }
                previous = row.hash();
                expected++;
            }
        }

        Verification finish(ChainHead head) {
            long lastSeq = expected - 1;
            if (broken == null && head.sequence() != lastSeq) {
                if (head.sequence() > lastSeq) {
                    fail(lastSeq + 1, "row " + (lastSeq + 1) + " is missing (the head names " + head.sequence() + ")");
                } else {
                    fail(head.sequence() + 1, "row " + (head.sequence() + 1) + " was appended behind the head's back");
                }
            }
            if (broken == null && !head.hash().equals(previous)) {
                fail(head.sequence(), "the head's hash is not row " + head.sequence() + "'s");
            }
            if (broken == null && !signed.isEmpty()) {
                fail(signed.peekFirst().sequence(), "row " + signed.peekFirst().sequence()
                        + " was signed in a checkpoint and is gone");
            }
            return new Verification(broken == null, checked, head, broken, reason);
        }

        private void fail(long sequence, String why) {
            broken = sequence;
            reason = why;
        }
    }
}
