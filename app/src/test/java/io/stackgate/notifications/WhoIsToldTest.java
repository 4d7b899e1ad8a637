package io.stackgate.notifications;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api;
import io.stackgate.support.Requests;
import io.stackgate.tenancy.ProjectUsage;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who finds a notice in-app, written with the change that causes it: approvers when a task reaches them and when it is
 * overdue and escalated, the requester when her request is approved or rejected, tenant admins when a project's quota
 * use passes 80 %; and how a person's preferences are checked.
 */
class WhoIsToldTest extends DeliveringApp {

    @Autowired
    Api api;
    @Autowired
    QuotaService quotas;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    @Test
    void theApproversOfTheLevelAreToldWhenATaskReachesThemAndTheRequesterIsNot() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();

        for (String approver : List.of("bob", "bea")) {
            assertThat(noticesOf(approver, id)).as(approver).singleElement().satisfies(notice -> {
                assertThat(notice.path("kind").asText()).isEqualTo("APPROVAL_TASK_ASSIGNED");
                assertThat(notice.path("tenant").asText()).isEqualTo("acme");
                assertThat(notice.at("/details/taskId").asText()).isEqualTo(taskId);
                assertThat(notice.at("/details/requester").asText()).isEqualTo("alice");
            });
        }
        assertThat(noticesOf("alice", id)).as("the requester").isEmpty();
        assertThat(noticesOf("fiona", id)).as("another org unit's managers").isEmpty();
        assertThat(noticesOf("erin", id)).as("another tenant's managers").isEmpty();
    }

    @Test
    void whenTheSlaPassesTheLevelIsToldItIsOverdueAndTheEscalationGroupThatItReachedThem() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String processInstance = runtime.createProcessInstanceQuery().processDefinitionKey("resource-request")
                .processInstanceBusinessKey(id).singleResult().getId();
        Job slaTimer = management.createJobQuery().processInstanceId(processInstance).timers().singleResult();

        management.executeJob(slaTimer.getId());

        assertThat(kinds(noticesOf("bob", id))).containsExactly("APPROVAL_TASK_OVERDUE", "APPROVAL_TASK_ASSIGNED");
        assertThat(noticesOf("bob", id).get(0).at("/details/group").asText()).isEqualTo("/tenants/acme/admins");
        assertThat(kinds(noticesOf("carol", id))).containsExactly("APPROVAL_ESCALATED");
    }

    @Test
    void theRequesterIsToldWhenHerRequestIsApprovedAndWhenItIsRejectedWithTheReason() {
        String approved = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        Requests.approveAll(api, approved);
        String rejected = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), rejected).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/reject", Map.of("comment", "too big for now")).status())
                .isEqualTo(204);

        assertThat(kinds(noticesOf("alice", approved))).containsExactly("REQUEST_APPROVED");
        assertThat(noticesOf("alice", rejected)).singleElement().satisfies(notice -> {
            assertThat(notice.path("kind").asText()).isEqualTo("REQUEST_REJECTED");
            assertThat(notice.at("/details/reason").asText()).contains("too big for now");
        });
        assertThat(kinds(noticesOf("bob", rejected))).as("the approver: only that it reached him")
                .containsExactly("APPROVAL_TASK_ASSIGNED");
    }

    @Test
    void tenantAdminsAreToldOnceWhenAProjectsQuotaUsePasses80Percent() {
        ProjectUsage usage = quotas.usage("acme", "tight");
        int limit = usage.quota().vcpus();
        int used = usage.used().vcpus();
        assertThat(used * 100).as("tight's vCPUs are not yet over 80 %").isLessThanOrEqualTo(limit * 80);
        String crossing = "quota-" + UUID.randomUUID();
        String further = "quota-" + UUID.randomUUID();
        int demand = limit * 80 / 100 - used + 1;
        try {
            quotas.reserve("acme", "tight", crossing, new Quota(demand, 0, 0, 0, 0, 0));
            quotas.reserve("acme", "tight", further, new Quota(1, 0, 0, 0, 0, 0));

            assertThat(noticesOf("carol", crossing)).singleElement().satisfies(notice -> {
                assertThat(notice.path("kind").asText()).isEqualTo("QUOTA_NEARLY_USED");
                assertThat(notice.path("resourceId").asText()).isEqualTo("tight");
                assertThat(notice.at("/details/dimension").asText()).isEqualTo("vcpus");
                assertThat(notice.at("/details/percent").asInt()).isGreaterThan(80);
            });
            assertThat(noticesOf("carol", further)).as("already over 80 %: nothing new").isEmpty();
            assertThat(noticesOf("alice", crossing)).as("not an admin").isEmpty();
            assertThat(noticesOf("bob", crossing)).as("not an admin").isEmpty();
        } finally {
            quotas.release(crossing);
            quotas.release(further);
        }
    }

    @Test
    void preferencesAreTheCallersOwnAndAWrongFieldIsNamed() {
        Api.Response saved = api.as("frank").put("/api/notifications/preferences",
                Map.of("locale", "zh-CN", "email", "frank@example.test", "mutedKinds", List.of("lease_expired")));

        assertThat(saved.status()).isEqualTo(200);
        JsonNode mine = api.as("frank").get("/api/notifications/preferences").body();
        assertThat(mine.path("locale").asText()).isEqualTo("zh-CN");
        assertThat(mine.path("email").asText()).isEqualTo("frank@example.test");
        assertThat(Requests.texts(mine.path("mutedKinds"), null)).containsExactly("LEASE_EXPIRED");
        assertThat(Requests.texts(mine.path("kinds"), null)).contains("REQUEST_APPROVED", "QUOTA_NEARLY_USED");
        assertThat(api.as("maya").get("/api/notifications/preferences").body().path("email").asText()).as("another's")
                .isNotEqualTo("frank@example.test");

        assertThat(api.as("frank").put("/api/notifications/preferences", Map.of("mutedKinds", List.of("NO_SUCH_KIND")))
                .body().path("field").asText()).isEqualTo("mutedKinds");
        assertThat(api.as("frank").put("/api/notifications/preferences", Map.of("locale", "fr")).status()).isEqualTo(400);
        assertThat(api.as("frank").put("/api/notifications/preferences", Map.of("locale", "fr")).body().path("field")
                .asText()).isEqualTo("locale");
        assertThat(api.as("frank").put("/api/notifications/preferences", Map.of("email", "not-an-address")).body()
                .path("field").asText()).isEqualTo("email");
        assertThat(api.as("frank").get("/api/notifications/preferences").body().path("locale").asText())
                .as("unchanged by the refused ones").isEqualTo("zh-CN");
        assertThat(api.anonymous().get("/api/notifications/preferences").status()).isEqualTo(401);
    }

    static List<String> kinds(List<JsonNode> notices) {
        List<String> kinds = new ArrayList<>();
        notices.forEach(notice -> kinds.add(notice.path("kind").asText()));
        return kinds;
    }

    /** The user's notices about the request (or of the request id a quota notice names), newest first. */
    List<JsonNode> noticesOf(String user, String requestId) {
        Api.Response response = api.as(user).get("/api/notifications?size=200");
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> notices = new ArrayList<>();
        response.body().path("items").forEach(notice -> {
            if (notice.path("requestId").asText().equals(requestId)) {
                notices.add(notice);
            }
        });
        return notices;
    }
}
