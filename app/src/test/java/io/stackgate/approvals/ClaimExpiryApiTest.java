package io.stackgate.approvals;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.stackgate.approvals.decisions.ClaimExpiry;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A claim nobody acts on expires: the task goes back to every candidate. A delegation does not expire by itself. */
@StackgateTest
@TestPropertySource(properties = {"stackgate.approvals.claim-expiry=PT1S", "stackgate.approvals.claim-check-interval=PT1H"})
class ClaimExpiryApiTest {

    @Autowired
    Api api;

    @Autowired
    ClaimExpiry expiry;

    @Test
    void aClaimOlderThanTheExpiryIsReleasedForEveryCandidate() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/claim").status()).isEqualTo(200);
        assertThat(taskOf(api.as("bea"), id)).isEmpty();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            expiry.releaseExpired();
            return taskOf(api.as("bea"), id).isPresent();
        });
        assertThat(api.as("bea").get("/api/tasks/" + taskId).body().path("assignee").asText()).isEmpty();
        assertThat(api.as("bea").post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(204);
    }

    @Test
    void aDelegationIsNotAClaimThatExpires() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/delegate", java.util.Map.of("user", "bea")).status())
                .isEqualTo(200);
        String claimedTask = taskOf(api.as("bob"), submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText())
                .orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + claimedTask + "/claim").status()).isEqualTo(200);

        // once the plain claim has expired, the delegated task is still bea's
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            expiry.releaseExpired();
            return api.as("bea").get("/api/tasks/" + claimedTask).body().path("assignee").asText().isEmpty();
        });
        assertThat(api.as("bea").get("/api/tasks/" + taskId).text("assignee")).isEqualTo("bea");
    }
}
