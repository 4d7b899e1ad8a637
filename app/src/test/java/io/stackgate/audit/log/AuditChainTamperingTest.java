package io.stackgate.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.audit.AuditEntry;
import io.stackgate.audit.ChainHead;
import io.stackgate.audit.Verification;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Altering, deleting or inserting a row makes the verification name that row; rewriting the chain up to a signed
 * checkpoint names the checkpoint; the health and the gauge say so; the checkpoints verify with the published key.
 * Each test puts the table back as it was.
 */
@StackgateTest
class AuditChainTamperingTest {

    @Autowired
    AuditRecorder recorder;
    @Autowired
    AuditStore store;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    Checkpoints checkpoints;
    @Autowired
    AuditChainHealth health;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Api api;

    /** Three fresh rows; the middle one is the one tampered with. */
    List<AuditEntry> rows;

    @BeforeEach
    void threeRows() {
        String requestId = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            Object event = AuditRecorderTest.sample(io.stackgate.approvals.ApprovalEvents.TaskClaimed.class, requestId);
            new TransactionTemplate(transactions).executeWithoutResult(status -> recorder.on(event));
        }
        rows = store.ofRequest(requestId);
        assertThat(rows).hasSize(3);
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void anAlteredRowIsNamed() {
        AuditEntry middle = rows.get(1);
        jdbc.sql("update audit_event set actor_name = 'mallory' where seq = ?").param(middle.sequence()).update();
        try {
            Verification result = verifier.verify();

            assertThat(result.valid()).isFalse();
            assertThat(result.firstBroken()).isEqualTo(middle.sequence());
            assertThat(result.reason()).contains("altered");
            assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
            assertThat(api.as("maya").get("/api/audit/verify").body().path("firstBroken").asLong())
                    .isEqualTo(middle.sequence());
        } finally {
            jdbc.sql("update audit_event set actor_name = ? where seq = ?").params(middle.actorName(), middle.sequence())
                    .update();
        }
        assertThat(verifier.verify().valid()).isTrue();
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    }

    @Test
    void aDeletedRowIsNamed() {
        AuditEntry middle = rows.get(1);
        jdbc.sql("delete from audit_event where seq = ?").param(middle.sequence()).update();
        try {
            Verification result = verifier.verify();

            assertThat(result.valid()).isFalse();
            assertThat(result.firstBroken()).isEqualTo(middle.sequence());
            assertThat(result.reason()).contains("missing");
        } finally {
            store.insert(middle);
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void theLastRowDeletedIsNamedToo() {
        ChainHead head = store.head();
        AuditEntry last = store.find(" where seq = :seq", Map.of("seq", head.sequence()), 1, 0).get(0);
        jdbc.sql("delete from audit_event where seq = ?").param(last.sequence()).update();
        try {
            assertThat(verifier.verify().firstBroken()).isEqualTo(last.sequence());
        } finally {
            store.insert(last);
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void anInsertedRowIsNamed() {
        ChainHead head = store.head();
        AuditEntry forged = new AuditEntry(head.sequence() + 1, rows.get(2).at(), "mallory", "mallory", null, "acme",
                "request", "forged", "forged", "approval.approved", "{}", head.hash(), null);
        AuditEntry sealed = forged.withHash(ChainHashes.of(forged));
        store.insert(sealed);
        try {
            Verification result = verifier.verify();

            assertThat(result.valid()).as("a well-formed row appended behind the head's back").isFalse();
            assertThat(result.firstBroken()).isEqualTo(sealed.sequence());
        } finally {
            jdbc.sql("delete from audit_event where seq = ?").param(sealed.sequence()).update();
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void aChainRewrittenUpToASignedCheckpointIsNamedByTheCheckpoint() {
        Checkpoint signed = checkpoints.sign().orElseThrow();
        assertThat(signed.sequence()).isEqualTo(store.head().sequence());
        AuditEntry middle = rows.get(1);
        List<AuditEntry> original = oldestFirst(store.find(" where seq >= :seq", Map.of("seq", middle.sequence()), 10, 0));
        // the forger recomputes every hash from the altered row on and moves the head: the chain alone looks intact
        rewriteFrom(middle.sequence(), "mallory");
        try {
            Verification result = verifier.verify();

            assertThat(result.valid()).isFalse();
            assertThat(result.firstBroken()).isEqualTo(signed.sequence());
            assertThat(result.reason()).contains("signed checkpoint");
        } finally {
            original.forEach(row -> jdbc.sql("update audit_event set actor_name = ?, prev_hash = ?, hash = ? where seq = ?")
                    .params(row.actorName(), row.prevHash(), row.hash(), row.sequence()).update());
            ChainHead restored = new ChainHead(original.get(original.size() - 1).sequence(),
                    original.get(original.size() - 1).hash());
            store.moveHead(restored);
        }
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void checkpointsVerifyOfflineWithThePublishedKey() throws Exception {
        Api.Response signed = api.as("admin").post("/api/audit/checkpoints");
        assertThat(signed.status()).isEqualTo(200);
        Api.Response again = api.as("admin").post("/api/audit/checkpoints");
        assertThat(again.body().path("sequence").asLong()).as("the head did not move: the same checkpoint")
                .isEqualTo(signed.body().path("sequence").asLong());
        assertThat(again.text("signature")).isEqualTo(signed.text("signature"));
        assertThat(api.as("maya").post("/api/audit/checkpoints").status()).isEqualTo(403);
        JsonNode key = api.as("maya").get("/api/audit/public-key").body();
        JsonNode newest = api.as("maya").get("/api/audit/checkpoints?size=1").body().path("items").get(0);

        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.path("publicKey").asText())));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        signature.update(newest.path("payload").asText().getBytes(StandardCharsets.UTF_8));

        assertThat(signature.verify(Base64.getDecoder().decode(newest.path("signature").asText()))).isTrue();
        assertThat(newest.path("payload").asText()).isEqualTo("stackgate-audit-checkpoint:" + newest.path("sequence")
                .asLong() + ":" + newest.path("hash").asText() + ":" + newest.path("signedAt").asText());
        assertThat(newest.path("sequence").asLong()).isEqualTo(signed.body().path("sequence").asLong());
        assertThat(key.path("pem").asText()).startsWith("-----BEGIN PUBLIC KEY-----").doesNotContain("PRIVATE");
        assertThat(newest.path("keyId").asText()).isEqualTo(key.path("keyId").asText());
    }

    private void rewriteFrom(long sequence, String actor) {
        List<AuditEntry> tail = oldestFirst(store.find(" where seq >= :seq", Map.of("seq", sequence), 10, 0));
        String previous = tail.get(0).prevHash();
        for (AuditEntry row : tail) {
            AuditEntry changed = new AuditEntry(row.sequence(), row.at(), row.actorId(),
                    row.sequence() == sequence ? actor : row.actorName(), row.actingFor(), row.tenant(), row.subjectKind(),
                    row.subjectId(), row.requestId(), row.action(), row.details(), previous, null);
            String hash = ChainHashes.of(changed);
            jdbc.sql("update audit_event set actor_name = ?, prev_hash = ?, hash = ? where seq = ?")
                    .params(changed.actorName(), previous, hash, row.sequence()).update();
            previous = hash;
            store.moveHead(new ChainHead(row.sequence(), hash));
        }
    }

    private static List<AuditEntry> oldestFirst(List<AuditEntry> newestFirst) {
        List<AuditEntry> rows = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(rows);
        return rows;
    }
}
