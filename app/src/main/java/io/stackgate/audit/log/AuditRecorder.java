package io.stackgate.audit.log;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.approvals.ApprovalEvents.ApprovalDecided;
import io.stackgate.audit.AuditEntry;
import io.stackgate.audit.ChainHead;
import io.stackgate.audit.log.AuditActors.Actor;
import io.stackgate.audit.log.AuditedEvents.Described;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one audit row per recorded event, in the transaction that published it, just before it commits: a change
 * that rolls back leaves no row, and the head of the chain is locked only for the commit, not for the whole change.
 * An event published outside any transaction (a refusal, after its request's transaction ended) is written in a
 * transaction of its own.
 */
@Component
class AuditRecorder {

    /** Longer details are cut to this many characters (the column's size), marked so. */
    static final int MAX_DETAILS = 8000;

    private final AuditStore store;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;

    AuditRecorder(AuditStore store, ObjectMapper json, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactions);
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    public void on(Object event) {
        Optional<Described> described = AuditedEvents.describe(event);
        if (described.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            record(described.get(), event);
        } else {
            transactions.executeWithoutResult(status -> record(described.get(), event));
        }
    }

    private void record(Described what, Object event) {
        Actor actor = AuditActors.current(what.actor());
        String tenant = what.tenant() != null ? what.tenant()
                : what.requestId() == null ? null : store.tenantOfRequest(what.requestId()).orElse(null);
        String actingFor = event instanceof ApprovalDecided decided
                ? store.delegatorOf(decided.requestId(), decided.level(), actor.name()).orElse(null) : null;
        ChainHead head = store.lockHead();
        long sequence = head.sequence() + 1;
        // when it happened (the event's time, else now), in whole seconds: what MySQL keeps, so that the stored time is
        // the hashed one
        Instant at = happenedAt(event).truncatedTo(ChronoUnit.SECONDS);
        AuditEntry unsealed = new AuditEntry(sequence, at, actor.id(), actor.name(), actingFor, tenant, what.subjectKind(),
                what.subjectId(), what.requestId(), what.action(), details(event), head.hash(), null);
        AuditEntry entry = unsealed.withHash(ChainHashes.of(unsealed));
        store.insert(entry);
        store.moveHead(new ChainHead(sequence, entry.hash()));
    }

    /** The event's own {@code at}, when it has one (most do): the moment of the change, not of its commit. */
    private Instant happenedAt(Object event) {
        if (event.getClass().isRecord()) {
            for (RecordComponent component : event.getClass().getRecordComponents()) {
                if (component.getName().equals("at") && component.getType() == Instant.class) {
                    try {
                        Instant at = (Instant) component.getAccessor().invoke(event);
                        if (at != null) {
                            return at;
                        }
                    } catch (ReflectiveOperationException e) {
                        break;
                    }
                }
            }
        }
        return clock.instant();
    }

    private String details(Object event) {
        String text;
        try {
            text = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            text = "{\"unserialisable\":\"" + event.getClass().getSimpleName() + "\"}";
        }
        if (text.length() > MAX_DETAILS) {
            text = "{\"truncated\":true,\"event\":\"" + event.getClass().getSimpleName() + "\"}";
        }
        return text;
    }
}
