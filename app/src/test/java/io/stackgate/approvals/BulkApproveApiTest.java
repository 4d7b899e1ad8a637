package io.stackgate.approvals;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@StackgateTest
class BulkApproveApiTest {

    private static final String MANAGERS = "/tenants/acme/engineering/managers";

    @Autowired
    Api api;

    /** bob: an acme engineering manager; ben: another one. */
    private Api.As bob() {
        return api.as("bob");
    }

    private Api.As ben() {
        return api.as("ben", List.of(MANAGERS), List.of("approver"));
    }

    @Test
    void eachTaskIsApprovedOrRefusedOnItsOwnAsASingleApprovalWouldBe() {
        List<String> requests = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
            requests.add(id);
            tasks.add(taskOf(bob(), id).orElseThrow().path("id").asText());
        }
        String own = submit(api, "bob", "acme", "web", "vm", smallVm()).path("id").asText();
        String ownTask = taskOf(ben(), own).orElseThrow().path("id").asText();
        String decided = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String decidedTask = taskOf(ben(), decided).orElseThrow().path("id").asText();
        assertThat(ben().post("/api/tasks/" + decidedTask + "/approve").status()).isEqualTo(204);

        List<String> asked = new ArrayList<>(List.of(tasks.get(0), ownTask, tasks.get(1), decidedTask, tasks.get(2)));
        Response response = bob().post("/api/tasks/bulk-approve", Map.of("taskIds", asked, "comment", "fine"));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("approved").asInt()).isEqualTo(3);
        assertThat(response.body().path("refused").asInt()).isEqualTo(2);
        Map<String, JsonNode> byTask = new HashMap<>();
        response.body().path("results").forEach(result -> byTask.put(result.path("taskId").asText(), result));
        assertThat(texts(response.body().path("results"), "taskId")).containsExactlyElementsOf(asked);
        for (int i = 0; i < 3; i++) {
            JsonNode result = byTask.get(tasks.get(i));
            assertThat(result.path("outcome").asText()).isEqualTo("APPROVED");
            assertThat(result.path("requestId").asText()).isEqualTo(requests.get(i));
            assertThat(result.path("problem").isMissingNode() || result.path("problem").isNull()).isTrue();
            assertThat(status(requests.get(i))).isEqualTo("PROVISIONING");
        }
        JsonNode ownResult = byTask.get(ownTask);
        assertThat(ownResult.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(ownResult.path("requestId").asText()).isEqualTo(own);
        assertThat(ownResult.at("/problem/type").asText()).isEqualTo("https://stackgate.io/problems/separation-of-duties");
        assertThat(ownResult.at("/problem/title").asText()).isEqualTo("Separation Of Duties");
        assertThat(ownResult.at("/problem/detail").asText()).contains("own request");
        assertThat(status(own)).isEqualTo("PENDING_APPROVAL");
        JsonNode decidedResult = byTask.get(decidedTask);
        assertThat(decidedResult.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(decidedResult.at("/problem/type").asText()).isEqualTo("https://stackgate.io/problems/task-not-found");
        assertThat(decidedResult.at("/problem/status").asInt()).isEqualTo(404);
    }

    @Test
    void aTaskHeldBySomeoneElseIsRefusedAndTheOthersGoOn() {
        String held = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String heldTask = taskOf(ben(), held).orElseThrow().path("id").asText();
        assertThat(ben().post("/api/tasks/" + heldTask + "/claim").status()).isEqualTo(200);
        String free = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String freeTask = taskOf(bob(), free).orElseThrow().path("id").asText();

        Response response = bob().post("/api/tasks/bulk-approve", Map.of("taskIds", List.of(heldTask, freeTask)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().at("/results/0/outcome").asText()).isEqualTo("REFUSED");
        assertThat(response.body().at("/results/0/problem/type").asText()).endsWith("/task-held");
        assertThat(response.body().at("/results/1/outcome").asText()).isEqualTo("APPROVED");
        assertThat(status(held)).isEqualTo("PENDING_APPROVAL");
        assertThat(status(free)).isEqualTo("PROVISIONING");
    }

    @Test
    void anEmptyListIsInvalid() {
        assertThat(bob().post("/api/tasks/bulk-approve", Map.of("taskIds", List.of())).status()).isEqualTo(400);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.path(field).asText()));
        return texts;
    }

    private String status(String requestId) {
        return api.as("alice").get("/api/requests/" + requestId).text("status");
    }
}
