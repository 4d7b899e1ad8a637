package io.stackgate.approvals;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@StackgateTest
class DecisionContextApiTest {

    @Autowired
    Api api;

    @Test
    void theDecisionScreenShowsWhoAsksWhatItCostsWhatItDoesToTheQuotaAndWhatTheProjectAskedBefore() {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            before.add(submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText());
        }
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();

        Response response = api.as("bob").get("/api/tasks/" + taskId + "/context");

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        JsonNode context = response.body();
        assertThat(context.path("requestId").asText()).isEqualTo(id);
        assertThat(context.at("/requester/name").asText()).isEqualTo("alice");
        assertThat(context.at("/requester/id").asText()).isNotBlank();
        assertThat(context.at("/orgUnit/id").asText()).isEqualTo("engineering");
        assertThat(context.at("/orgUnit/path").asText()).isEqualTo("engineering");
        assertThat(context.at("/spec/vcpus").asInt()).isEqualTo(2);
        assertThat(context.path("justification").asText()).isNotBlank();
        assertThat(context.at("/cost/threshold").decimalValue()).isEqualByComparingTo("1500");
        assertThat(context.at("/cost/currency").asText()).isEqualTo("EUR");
        assertThat(context.at("/cost/overThreshold").asBoolean()).isFalse();
        assertThat(context.at("/quota/quota/vcpus").asInt()).isEqualTo(10000);
        assertThat(context.at("/quota/demand/vcpus").asInt()).isEqualTo(2);
        assertThat(context.at("/quota/usedAfter/vcpus").asInt() - context.at("/quota/usedBefore/vcpus").asInt())
                .isEqualTo(2);
        assertThat(context.at("/quota/usedAfter/memoryMiB").asLong()
                - context.at("/quota/usedBefore/memoryMiB").asLong()).isEqualTo(4096);
        assertThat(context.at("/quota/exceededAfter").isEmpty()).isTrue();
        List<String> earlier = new ArrayList<>();
        context.path("earlierRequests").forEach(request -> earlier.add(request.path("id").asText()));
        List<String> newestFirst = new ArrayList<>(before.subList(1, 6));
        Collections.reverse(newestFirst);
        assertThat(earlier).containsExactlyElementsOf(newestFirst);
        assertThat(context.at("/earlierRequests/0/status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(context.at("/earlierRequests/0/type").asText()).isEqualTo("vm");
        assertThat(context.at("/earlierRequests/0/submitted").asText()).isNotBlank();
        assertThat(context.at("/level/level").asText()).isEqualTo("dept-manager");
        assertThat(context.at("/level/sla").asText()).isIn("PT48H", "172800.0", "172800");
        assertThat(context.at("/level/due").asText()).isNotBlank();
        assertThat(context.at("/level/overdue").asBoolean()).isFalse();
        assertThat(context.at("/level/escalated").asBoolean()).isFalse();
    }

    @Test
    void anotherTenantsTaskIsNotFound() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();

        assertThat(api.as("erin").get("/api/tasks/" + taskId + "/context").status()).isEqualTo(404);
        assertThat(api.as("alice").get("/api/tasks/" + taskId + "/context").status()).isEqualTo(404);
    }
}
