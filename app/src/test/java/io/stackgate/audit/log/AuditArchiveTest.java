package io.stackgate.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.audit.Verification;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Archiving moves the oldest rows into a file of JSON lines and the chain still verifies from the archive's last
 * hash, new rows linking to it; a changed archive file is noticed. (Retention 0 here, so that rows of this second's
 * past may be archived.)
 */
@StackgateTest
@TestPropertySource(properties = {"stackgate.audit.retention=P0D",
        "stackgate.audit.archive-folder=target/test-audit-archive"})
class AuditArchiveTest {

    @Autowired
    AuditRecorder recorder;
    @Autowired
    AuditStore store;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Api api;
    @Autowired
    ObjectMapper json;

    @Test
    void theOldestRowsMoveToAFileAndTheChainStillVerifies() throws Exception {
        String requestId = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            record(requestId);
        }
        Instant newest = store.ofRequest(requestId).get(2).at();
        // rows are kept in whole seconds: archive once the clock is past the newest row's second
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(newest));
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long head = store.head().sequence();

        Api.Response archived = api.as("admin").post("/api/audit/archive?before=" + before);

        assertThat(archived.status()).as(archived.body().toString()).isEqualTo(200);
        long first = archived.body().path("firstSequence").asLong();
        long last = archived.body().path("lastSequence").asLong();
        assertThat(last).isGreaterThanOrEqualTo(first);
        assertThat(store.ofRequest(requestId)).as("the request's rows left the table").isEmpty();
        Path file = Path.of(archived.text("file"));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize((int) (last - first + 1));
        assertThat(archived.body().path("rows").asLong()).isEqualTo(lines.size());
        JsonNode lastLine = json.readTree(lines.get(lines.size() - 1));
        assertThat(lastLine.path("sequence").asLong()).isEqualTo(last);
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(requestId));

        Verification afterArchive = verifier.verify();
        assertThat(afterArchive.valid()).as(afterArchive.reason()).isTrue();
        assertThat(afterArchive.checked()).isEqualTo(head - last);

        record(UUID.randomUUID().toString());
        assertThat(verifier.verify().valid()).as("a new row links to the archive's last hash").isTrue();

        String original = Files.readString(file);
        Files.writeString(file, original.replace("\"actorName\":\"sample-by\"", "\"actorName\":\"mallory\""));
        try {
            Verification changed = verifier.verify();
            assertThat(changed.valid()).isFalse();
            assertThat(changed.firstBroken()).isEqualTo(first);
            assertThat(changed.reason()).contains("archive file");
        } finally {
            Files.writeString(file, original);
        }
        assertThat(verifier.verify().valid()).isTrue();
        assertThat(api.as("admin").post("/api/audit/archive?before=" + before).status()).as("nothing older left")
                .isEqualTo(409);
    }

    private void record(String requestId) {
        Object event = AuditRecorderTest.sample(io.stackgate.approvals.ApprovalEvents.TaskClaimed.class, requestId);
        new TransactionTemplate(transactions).executeWithoutResult(status -> recorder.on(event));
    }
}
