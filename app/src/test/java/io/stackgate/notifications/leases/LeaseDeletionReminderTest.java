package io.stackgate.notifications.leases;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.compute.LeaseKeeper;
import io.stackgate.notifications.Notifications;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A VM's owner is told a day before a VM whose lease ended is deleted — once — and not at all when a renewal came
 * first.
 */
@StackgateTest
class LeaseDeletionReminderTest {

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    LeaseKeeper leases;
    @Autowired
    Notifications notifications;

    @Test
    void theOwnerIsToldADayBeforeHerPoweredOffVmIsDeletedOnce() {
        JsonNode vm = leasedVm(3);
        String domain = vm.path("id").asText();
        Instant expires = Instant.parse(vm.path("leaseExpiresAt").asText());
        leases.check(expires.plus(Duration.ofMinutes(1)));
        Instant decommissionAt = Instant.parse(noticesOf("alice", domain).get(0).at("/details/decommissionAt").asText());

        notifications.writeDueReminders(decommissionAt.minus(Duration.ofDays(2)));
        assertThat(kinds(noticesOf("alice", domain))).as("not yet").containsExactly("LEASE_EXPIRED", "LEASE_RENEWAL_DUE");

        notifications.writeDueReminders(decommissionAt.minus(Duration.ofHours(23)));
        notifications.writeDueReminders(decommissionAt.minus(Duration.ofHours(1)));

        List<JsonNode> notices = noticesOf("alice", domain);
        assertThat(kinds(notices)).containsExactly("LEASE_DELETION_DUE", "LEASE_EXPIRED", "LEASE_RENEWAL_DUE");
        assertThat(notices.get(0).path("message").asText()).contains("deleted at " + decommissionAt, "lease-renewal");
        assertThat(kinds(noticesOf("bob", domain))).isEmpty();
    }

    @Test
    void aRenewalCancelsTheDeletionReminder() {
        JsonNode vm = leasedVm(4);
        String domain = vm.path("id").asText();
        Instant expires = Instant.parse(vm.path("leaseExpiresAt").asText());
        leases.check(expires.plus(Duration.ofMinutes(1)));

        leases.extend(vm.path("requestId").asText(), 30, "renewal-" + domain);
        notifications.writeDueReminders(expires.plus(Duration.ofDays(60)));

        assertThat(kinds(noticesOf("alice", domain))).containsExactly("LEASE_EXPIRED", "LEASE_RENEWAL_DUE");
    }

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

    private static List<String> kinds(List<JsonNode> notices) {
        List<String> kinds = new ArrayList<>();
        notices.forEach(notice -> kinds.add(notice.path("kind").asText()));
        return kinds;
    }

    private List<JsonNode> noticesOf(String user, String domain) {
        List<JsonNode> notices = new ArrayList<>();
        api.as(user).get("/api/notifications?size=200").body().path("items").forEach(notice -> {
            if (notice.path("resourceId").asText().equals(domain)) {
                notices.add(notice);
            }
        });
        return notices;
    }
}
