package io.stackgate.notifications.web;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.compute.LeaseKeeper;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A VM's owner finds a notice when its lease is due for renewal and when it ended — written with the lease change,
 * listed newest first, one page at a time, markable as read — and nobody else sees or marks it.
 */
@StackgateTest
class NotificationApiTest {

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    LeaseKeeper leases;

    @Test
    void theOwnerIsToldWhenHerLeaseIsDueForRenewalAndWhenItEnded() {
        JsonNode vm = leasedVm(10);
        String domain = vm.path("id").asText();
        Instant expires = Instant.parse(vm.path("leaseExpiresAt").asText());

        leases.check(expires.minus(Duration.ofDays(3)));
        leases.check(expires.minus(Duration.ofDays(2)));

        List<JsonNode> due = noticesOf("alice", domain, false);
        assertThat(due).singleElement().satisfies(notice -> {
            assertThat(notice.path("kind").asText()).isEqualTo("LEASE_RENEWAL_DUE");
            assertThat(notice.path("tenant").asText()).isEqualTo("acme");
            assertThat(notice.path("resourceKind").asText()).isEqualTo("vm");
            assertThat(notice.path("requestId").asText()).isEqualTo(vm.path("requestId").asText());
            assertThat(notice.path("message").asText()).contains(domain, "lease-renewal");
            assertThat(notice.at("/details/expiresAt").asText()).isEqualTo(expires.toString());
            assertThat(notice.has("readAt")).isFalse();
        });

        leases.check(expires.plus(Duration.ofMinutes(1)));

        List<JsonNode> both = noticesOf("alice", domain, false);
        assertThat(both).extracting(notice -> notice.path("kind").asText())
                .as("newest first").containsExactly("LEASE_EXPIRED", "LEASE_RENEWAL_DUE");
        assertThat(both.get(0).path("message").asText()).contains("powered off", "decommissioned at");
        assertThat(both.get(0).at("/details/decommissionAt").asText()).isNotBlank();
    }

    @Test
    void aNoticeIsMarkedReadByItsRecipientOnlyAndOthersNeverSeeIt() {
        JsonNode vm = leasedVm(5);
        String domain = vm.path("id").asText();
        leases.check(Instant.parse(vm.path("leaseExpiresAt").asText()).minus(Duration.ofDays(1)));
        long id = noticesOf("alice", domain, true).get(0).path("id").asLong();

        assertThat(noticesOf("bob", domain, false)).as("another person's notices").isEmpty();
        assertThat(noticesOf("carol", domain, false)).as("even the tenant admin's").isEmpty();
        assertThat(api.as("bob").post("/api/notifications/" + id + "/read").status()).isEqualTo(404);
        assertThat(noticesOf("alice", domain, true)).as("still unread").hasSize(1);

        Api.Response read = api.as("alice").post("/api/notifications/" + id + "/read");

        assertThat(read.status()).isEqualTo(200);
        Instant readAt = Instant.parse(read.text("readAt"));
        assertThat(noticesOf("alice", domain, true)).as("unread ones").isEmpty();
        assertThat(noticesOf("alice", domain, false)).singleElement()
                .satisfies(notice -> assertThat(Instant.parse(notice.path("readAt").asText())).isEqualTo(readAt));
        assertThat(Instant.parse(api.as("alice").post("/api/notifications/" + id + "/read").text("readAt")))
                .as("read once").isEqualTo(readAt);
        assertThat(api.as("alice").post("/api/notifications/99999999/read").status()).isEqualTo(404);
    }

    @Test
    void noticesComeOnePageAtATime() {
        for (int days = 1; days <= 3; days++) {
            JsonNode vm = leasedVm(days);
            leases.check(Instant.parse(vm.path("leaseExpiresAt").asText()).minus(Duration.ofHours(1)));
        }

        Api.Response first = api.as("alice").get("/api/notifications?size=2");
        Api.Response second = api.as("alice").get("/api/notifications?size=2&page=1");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("items")).hasSize(2);
        assertThat(first.body().path("size").asInt()).isEqualTo(2);
        assertThat(first.body().path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(first.body().path("hasNext").asBoolean()).isTrue();
        assertThat(second.body().path("page").asInt()).isEqualTo(1);
        List<Long> ids = new ArrayList<>();
        first.body().path("items").forEach(notice -> ids.add(notice.path("id").asLong()));
        second.body().path("items").forEach(notice -> assertThat(ids).doesNotContain(notice.path("id").asLong()));
        assertThat(api.as("alice").get("/api/notifications?size=500").body().path("field").asText()).isEqualTo("size");
        assertThat(api.anonymous().get("/api/notifications").status()).isEqualTo(401);
    }

    /** An approved, running VM of alice's with a lease of {@code days}, as the resource list shows it. */
    private JsonNode leasedVm(int days) {
        Map<String, Object> spec = Api.map("name", Requests.uniqueName("leased"), "arch", "x86_64", "vcpus", 1,
                "memoryMiB", 512, "diskGiB", 5, "image", "debian-12", "leaseDays", days);
        String id = submit(api, "alice", "acme", "web", "vm", spec).path("id").asText();
        Requests.approveAll(api, id);
        jobs.run(id);
        for (JsonNode resource : api.as("alice").get("/api/resources?kind=vm&size=200").body().path("items")) {
            if (resource.path("requestId").asText().equals(id)) {
                return resource;
            }
        }
        throw new AssertionError("no VM of request " + id);
    }

    private List<JsonNode> noticesOf(String user, String domain, boolean unreadOnly) {
        Api.Response response = api.as(user).get("/api/notifications?size=200" + (unreadOnly ? "&unread=true" : ""));
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> notices = new ArrayList<>();
        response.body().path("items").forEach(notice -> {
            if (notice.path("resourceId").asText().equals(domain)) {
                notices.add(notice);
            }
        });
        return notices;
    }
}
