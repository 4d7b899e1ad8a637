package io.stackgate.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.stackgate.audit.AuditEntry;
import io.stackgate.audit.ChainHead;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each event type of the catalogue, recorded in a transaction, becomes exactly one row: its action, subject, tenant
 * and actor as the catalogue says, linked into the chain.
 */
@StackgateTest
class AuditRecorderTest {

    @Autowired
    AuditRecorder recorder;
    @Autowired
    AuditStore store;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void eachRecordedEventWritesExactlyOneRowWithItsActionTenantAndActor() {
        for (Class<?> type : AuditedEvents.recorded()) {
            String requestId = UUID.randomUUID().toString();
            Object event = sample(type, requestId);
            AuditedEvents.Described described = AuditedEvents.describe(event).orElseThrow();
            ChainHead before = store.head();

            new TransactionTemplate(transactions).executeWithoutResult(status -> recorder.on(event));

            ChainHead after = store.head();
            assertThat(after.sequence()).as(type.getSimpleName() + ": one row").isEqualTo(before.sequence() + 1);
            List<AuditEntry> rows = store.find(" where seq > :seq", Map.of("seq", before.sequence()), 10, 0);
            assertThat(rows).as(type.getSimpleName()).singleElement().satisfies(row -> {
                assertThat(row.action()).isEqualTo(described.action());
                assertThat(row.subjectKind()).isEqualTo(described.subjectKind());
                assertThat(row.subjectId()).isEqualTo(described.subjectId());
                if (described.tenant() != null) {
                    assertThat(row.tenant()).as("tenant").isEqualTo("acme");
                }
                assertThat(row.actorName()).as("actor (nobody signed in)")
                        .isEqualTo(described.actor() != null ? described.actor() : "system");
                assertThat(row.prevHash()).isEqualTo(before.hash());
                assertThat(row.hash()).isEqualTo(after.hash()).isEqualTo(ChainHashes.of(row));
                assertThat(row.details()).startsWith("{");
            });
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void anEventThatNamesOnlyItsRequestTakesTheTenantOfTheRequestsEarlierRows() {
        String requestId = UUID.randomUUID().toString();
        Object submitted = sample(io.stackgate.requests.RequestEvents.RequestSubmitted.class, requestId);
        Object released = new io.stackgate.compute.CapacityReleased(requestId, 1);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            recorder.on(submitted);
            recorder.on(released);
        });

        assertThat(store.ofRequest(requestId)).extracting(AuditEntry::action, AuditEntry::tenant)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("request.submitted", "acme"),
                        org.assertj.core.groups.Tuple.tuple("host.capacity-released", "acme"));
    }

    /** An instance of an event record with made-up values: tenant acme, the given request id. */
    static Object sample(Class<?> type, String requestId) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = value(components[i].getName(), types[i], requestId);
            }
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make a sample " + type.getName() + ": " + e, e);
        }
    }

    private static Object value(String name, Class<?> type, String requestId) {
        if (type == String.class) {
            if (name.equals("tenantId")) {
                return "acme";
            }
            if (name.toLowerCase().endsWith("requestid")) {
                return requestId;
            }
            return name.equals("decision") ? "APPROVED" : name.equals("action") ? "start" : "sample-" + name;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == BigDecimal.class) {
            return BigDecimal.TEN;
        }
        if (type == Instant.class) {
            return Instant.now();
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[type.getEnumConstants().length - 1];
        }
        if (Set.class.isAssignableFrom(type)) {
            return Set.of("acme");
        }
        if (Map.class.isAssignableFrom(type)) {
            return Map.of();
        }
        if (Collection.class.isAssignableFrom(type)) {
            return List.of();
        }
        if (type.isRecord()) {
            return sample(type, requestId);
        }
        throw new AssertionError("no sample value for " + type.getName() + " " + name);
    }
}
