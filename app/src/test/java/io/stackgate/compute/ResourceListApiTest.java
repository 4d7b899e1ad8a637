package io.stackgate.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.stackgate.compute.vms.VmInstances;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code GET /api/resources} answers one page at a time, newest first, within the caller's tenants. */
@StackgateTest
class ResourceListApiTest {

    @Autowired
    Api api;
    @Autowired
    VmInstances vms;

    @Test
    void vmsComeOnePageAtATimeNewestFirstWithTheTotal() {
        String project = "p-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> newestFirst = recordVms(project, 5);
        String list = "/api/resources?tenant=acme&project=" + project + "&size=2";

        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            Api.Response answer = api.as("alice").get(list + "&kind=vm&page=" + page);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("page").asInt()).isEqualTo(page);
            assertThat(answer.body().path("size").asInt()).isEqualTo(2);
            assertThat(answer.body().path("total").asLong()).isEqualTo(5);
            assertThat(answer.body().path("hasNext").asBoolean()).isEqualTo(page < 2);
            answer.body().path("items").forEach(vm -> seen.add(vm.path("id").asText()));
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(api.as("alice").get(list + "&page=1").body().path("items").get(0).path("id").asText())
                .as("every kind: the same VMs first").isEqualTo(newestFirst.get(2));
        assertThat(api.as("alice").get("/api/resources?tenant=acme&project=" + project).body().path("size").asInt())
                .as("the default page size").isEqualTo(50);
    }

    @Test
    void aRequestFilterListsOnlyWhatThatRequestMade() {
        String project = "p-" + UUID.randomUUID().toString().substring(0, 8);
        recordVms(project, 2);
        String request = UUID.randomUUID().toString();
        List<String> made = recordVmsOf(request, project, 3);

        Api.Response vms = api.as("alice").get("/api/resources?kind=vm&request=" + request);
        Api.Response everyKind = api.as("alice").get("/api/resources?tenant=acme&project=" + project + "&request=" + request);
        Api.Response paged = api.as("alice").get("/api/resources?kind=vm&request=" + request + "&size=2&page=1");
        Api.Response other = api.as("alice").get("/api/resources?kind=vm&request=" + UUID.randomUUID());
        Api.Response dave = api.as("dave").get("/api/resources?request=" + request);

        assertThat(vms.status()).isEqualTo(200);
        assertThat(vms.body().path("total").asLong()).isEqualTo(3);
        List<String> ids = new ArrayList<>();
        vms.body().path("items").forEach(vm -> {
            ids.add(vm.path("id").asText());
            assertThat(vm.path("requestId").asText()).isEqualTo(request);
        });
        assertThat(ids).containsExactlyElementsOf(made);
        assertThat(everyKind.body().path("total").asLong()).as("every kind, in the project").isEqualTo(3);
        assertThat(paged.body().path("items")).hasSize(1);
        assertThat(paged.body().path("items").get(0).path("id").asText()).isEqualTo(made.get(2));
        assertThat(other.body().path("total").asLong()).as("a request that made nothing").isZero();
        assertThat(dave.status()).isEqualTo(200);
        assertThat(dave.body().path("total").asLong()).as("another tenant's request").isZero();
    }

    @Test
    void anotherTenantsCallerGetsAnEmptyPage() {
        String project = "p-" + UUID.randomUUID().toString().substring(0, 8);
        recordVms(project, 2);

        Api.Response dave = api.as("dave").get("/api/resources?tenant=acme&project=" + project);
        Api.Response daveOwn = api.as("dave").get("/api/resources?project=" + project);

        assertThat(dave.status()).isEqualTo(200);
        assertThat(dave.body().path("items")).isEmpty();
        assertThat(dave.body().path("total").asLong()).isZero();
        assertThat(daveOwn.body().path("total").asLong()).isZero();
    }

    @Test
    void aPageOrSizeOutOfRangeIsRefusedNamingTheParameter() {
        Api.Response page = api.as("alice").get("/api/resources?page=-1");
        Api.Response size = api.as("alice").get("/api/resources?size=201");
        Api.Response findings = api.as("olga").get("/api/reconciliation/findings?size=0");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("field")).isEqualTo("page");
        assertThat(size.status()).isEqualTo(400);
        assertThat(size.text("field")).isEqualTo("size");
        assertThat(findings.status()).isEqualTo(400);
        assertThat(findings.text("field")).isEqualTo("size");
    }

    /** {@code count} VMs of one acme request in the project (indexes 0…), a minute apart; their ids newest first. */
    private List<String> recordVmsOf(String request, String project, int count) {
        List<String> ids = new ArrayList<>();
        Instant base = Instant.now().minus(Duration.ofMinutes(30));
        for (int index = 0; index < count; index++) {
            VmNaming naming = new VmNaming("acme", request, index);
            Instant created = base.plus(Duration.ofMinutes(index));
            vms.insertIfAbsent(new VmInstance(request, index, "acme", project, "alice", "alice-id", naming.domain(),
                    naming.uuid().toString(), "made-" + index, Arch.x86_64, "debian-12", 1, 512, 5, 0, null, List.of(),
                    null, null, null, VmState.PENDING, null, null, created, created));
            ids.add(0, naming.domain());
        }
        return ids;
    }

    /** {@code count} VM records of acme in the project, a minute apart; their ids newest first. */
    private List<String> recordVms(String project, int count) {
        List<String> ids = new ArrayList<>();
        Instant base = Instant.now().minus(Duration.ofHours(1));
        for (int index = 0; index < count; index++) {
            String request = UUID.randomUUID().toString();
            VmNaming naming = new VmNaming("acme", request, 0);
            Instant created = base.plus(Duration.ofMinutes(index));
            vms.insertIfAbsent(new VmInstance(request, 0, "acme", project, "alice", "alice-id", naming.domain(),
                    naming.uuid().toString(), "listed-" + index, Arch.x86_64, "debian-12", 1, 512, 5, 0, null, List.of(),
                    null, null, null, VmState.PENDING, null, null, created, created));
            ids.add(0, naming.domain());
        }
        return ids;
    }
}
