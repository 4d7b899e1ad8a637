package io.stackgate.approvals;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.identity.DevIdentity;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

@StackgateTest
class InboxListApiTest {

    @Autowired
    Api api;
    @Autowired
    DevIdentity identity;
    @LocalServerPort
    int port;

    @Test
    void aListRowCarriesWhatTheInboxShows() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();

        JsonNode row = taskOf(api.as("bob"), id).orElseThrow();

        assertThat(row.path("requestId").asText()).isEqualTo(id);
        assertThat(row.path("type").asText()).isEqualTo("vm");
        assertThat(row.path("tenant").asText()).isEqualTo("acme");
        assertThat(row.path("project").asText()).isEqualTo("web");
        assertThat(row.path("requester").asText()).isEqualTo("alice");
        assertThat(row.path("level").asText()).isEqualTo("dept-manager");
        assertThat(row.path("due").isTextual()).isTrue();
        assertThat(row.path("overdue").asBoolean()).isFalse();
        assertThat(row.path("escalated").asBoolean()).isFalse();
        assertThat(row.path("assignee").asText(null)).isNull();
        assertThat(row.path("created").isTextual()).isTrue();
    }

    @Test
    void claimedAndClaimedByMeNarrowTheInbox() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();

        assertThat(ids("bob", "claimed=false&requestId=" + id)).containsExactly(taskId);
        assertThat(ids("bob", "claimed=true&requestId=" + id)).isEmpty();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/claim").status()).isEqualTo(200);

        assertThat(ids("bob", "claimed=true&requestId=" + id)).containsExactly(taskId);
        assertThat(ids("bob", "claimedByMe=true&requestId=" + id)).containsExactly(taskId);
        assertThat(ids("bob", "claimed=false&requestId=" + id)).isEmpty();
        assertThat(ids("carol", "scope=administered&claimedByMe=true&requestId=" + id)).isEmpty();
        assertThat(ids("carol", "scope=administered&claimed=true&requestId=" + id)).containsExactly(taskId);
    }

    @Test
    void theInboxVersionMovesWhenATaskOfTheCallersTenantsChangesAndOnlyThen() {
        long before = version("bob");
        long otherTenant = version("dave");

        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        long created = version("bob");
        assertThat(created).isGreaterThan(before);
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/claim").status()).isEqualTo(200);
        long claimed = version("bob");
        assertThat(claimed).isGreaterThan(created);
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(204);
        assertThat(version("bob")).isGreaterThan(claimed);

        assertThat(version("dave")).isEqualTo(otherTenant);
    }

    @Test
    void anUnchangedVersionAnswers304ToItsETag() {
        Response first = api.as("bob").get("/api/tasks/version");
        String etag = "\"" + first.body().path("version").asLong() + "\"";

        int status = RestClient.create("http://127.0.0.1:" + port).get().uri("/api/tasks/version")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + identity.tokenFor("bob"))
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(HttpStatus.NOT_MODIFIED.value());
    }

    private long version(String user) {
        Response response = api.as(user).get("/api/tasks/version");
        assertThat(response.status()).isEqualTo(200);
        return response.body().path("version").asLong();
    }

    private List<String> ids(String user, String query) {
        Response response = api.as(user).get("/api/tasks?" + query);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.body().path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
