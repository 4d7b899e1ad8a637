package io.stackgate.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.compute.reconciliation.Reconciliation;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import io.stackgate.web.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reconciliation on the demo fleet (libvirt's test driver): domains made behind the platform's back through the
 * {@link Hypervisor} port, records made through {@link VmInstances}. Other tests share the hosts and the database, so
 * every assertion is about this test's own domains.
 */
@StackgateTest
class ReconciliationApiTest {

    static final String HOST = "demo-x86-1";

    @Autowired
    Api api;
    @Autowired
    Hypervisor hypervisor;
    @Autowired
    VmInstances vms;
    @Autowired
    Reconciliation reconciliation;

    final List<String> defined = new ArrayList<>();
    final List<VmInstance> recorded = new ArrayList<>();

    @AfterEach
    void removeWhatThisTestMade() {
        defined.forEach(name -> {
            hypervisor.destroy(HOST, name);
            hypervisor.undefine(HOST, name);
        });
        recorded.forEach(vm -> vms.changeState(vm.requestId(), vm.vmIndex(), java.util.EnumSet.allOf(VmState.class),
                VmState.DECOMMISSIONED, "test over", Instant.now()));
    }

    @Test
    void reconciliationFindsADomainCreatedBehindThePlatformsBack() {
        String domain = defineOurs(UUID.randomUUID().toString(), 1, 512, false);

        Api.Response run = api.as("olga").post("/api/reconciliation/run");

        assertThat(run.status()).isEqualTo(200);
        assertThat(ofDomain(run.body().path("findings"), domain)).singleElement().satisfies(finding -> {
            assertThat(finding.path("kind").asText()).isEqualTo("ORPHAN");
            assertThat(finding.path("host").asText()).isEqualTo(HOST);
            assertThat(finding.path("tenantId").asText()).isEqualTo("acme");
            assertThat(finding.path("detail").asText()).startsWith("no record of this domain");
        });
        List<JsonNode> open = ofDomain(api.as("olga").get("/api/reconciliation/findings?host=" + HOST + "&open=true")
                .body().path("items"), domain);
        assertThat(open).singleElement().satisfies(finding -> assertThat(finding.path("kind").asText()).isEqualTo("ORPHAN"));
    }

    @Test
    void findingsComeOnePageAtATimeNewestFirst() {
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            domains.add(defineOurs(UUID.randomUUID().toString(), 1, 512, false));
        }
        reconciliation.reconcile(HOST);
        String list = "/api/reconciliation/findings?host=" + HOST + "&open=true&size=2";

        JsonNode first = api.as("olga").get(list).body();
        JsonNode second = api.as("olga").get(list + "&page=1").body();

        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(first.path("hasNext").asBoolean()).isTrue();
        assertThat(second.path("page").asInt()).isEqualTo(1);
        List<String> seen = new ArrayList<>();
        first.path("items").forEach(finding -> seen.add(finding.path("id").asText()));
        second.path("items").forEach(finding -> assertThat(seen).doesNotContain(finding.path("id").asText()));
        List<Instant> lastSeen = new ArrayList<>();
        first.path("items").forEach(finding -> lastSeen.add(Instant.parse(finding.path("lastSeen").asText())));
        assertThat(lastSeen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void runningAgainSeesTheSameOrphanWithoutDuplicatingIt() {
        String domain = defineOurs(UUID.randomUUID().toString(), 1, 512, true);
        api.as("olga").post("/api/reconciliation/run");

        Api.Response again = api.as("admin").post("/api/reconciliation/run");

        assertThat(ofDomain(again.body().path("findings"), domain)).singleElement()
                .satisfies(finding -> assertThat(finding.path("kind").asText()).isEqualTo("ORPHAN"));

        List<JsonNode> all = ofDomain(api.as("olga").get("/api/reconciliation/findings").body().path("items"), domain);
        assertThat(all).singleElement().satisfies(finding -> {
            assertThat(finding.path("kind").asText()).isEqualTo("ORPHAN");
            assertThat(finding.has("resolvedAt")).isFalse();
            assertThat(Instant.parse(finding.path("lastSeen").asText()))
                    .isAfterOrEqualTo(Instant.parse(finding.path("firstSeen").asText()));
        });
    }

    @Test
    void anOrphanWhoseDomainDisappearedIsResolvedAsGone() {
        String domain = defineOurs(UUID.randomUUID().toString(), 1, 512, false);
        reconciliation.reconcile(HOST);
        hypervisor.undefine(HOST, domain);

        reconciliation.reconcile(HOST);

        assertThat(findingsOf(domain)).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Finding.Kind.ORPHAN);
            assertThat(finding.resolution()).isEqualTo(Finding.Resolution.GONE);
            assertThat(finding.resolvedAt()).isNotNull();
        });
    }

    @Test
    void aDomainWhoseRecordIsStillProvisioningIsNoOrphan() {
        VmInstance vm = record(2, 1024, VmState.PROVISIONING);
        defineOurs(vm.requestId(), 2, 1024, false);

        reconciliation.reconcile(HOST);

        assertThat(findingsOf(vm.domainName())).isEmpty();
    }

    @Test
    void aDomainWithoutOurMetadataIsNoneOfOurBusiness() {
        String name = "foreign-" + UUID.randomUUID();
        hypervisor.define(HOST, domainXml(name, 1, 512, null));
        defined.add(name);

        reconciliation.reconcile(HOST);

        assertThat(findingsOf(name)).isEmpty();
    }

    @Test
    void aRecordWhoseDomainVanishedIsMarkedLost() {
        VmInstance vm = record(2, 2048, VmState.RUNNING);

        reconciliation.reconcile(HOST);

        assertThat(vms.byDomain(vm.domainName())).get().satisfies(after -> {
            assertThat(after.state()).isEqualTo(VmState.LOST);
            assertThat(after.stateReason()).isEqualTo("domain vanished from host " + HOST);
        });
        assertThat(findingsOf(vm.domainName())).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Finding.Kind.LOST);
            assertThat(finding.isOpen()).isTrue();
            assertThat(finding.requestId()).isEqualTo(vm.requestId());
            assertThat(finding.vmIndex()).isZero();
        });
    }

    @Test
    void aLostVmWhoseDomainCameBackIsRestoredAndItsFindingResolved() {
        VmInstance vm = record(2, 2048, VmState.RUNNING);
        reconciliation.reconcile(HOST);
        defineOurs(vm.requestId(), 2, 2048, true);

        reconciliation.reconcile(HOST);

        assertThat(vms.byDomain(vm.domainName())).get().extracting(VmInstance::state).isEqualTo(VmState.RUNNING);
        assertThat(findingsOf(vm.domainName())).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Finding.Kind.LOST);
            assertThat(finding.resolution()).isEqualTo(Finding.Resolution.RETURNED);
        });
    }

    @Test
    void aDomainOfAnotherSizeThanItsRecordIsReportedAsSizeDrift() {
        VmInstance vm = record(2, 2048, VmState.RUNNING);
        defineOurs(vm.requestId(), 4, 2048, true);

        reconciliation.reconcile(HOST);

        assertThat(findingsOf(vm.domainName())).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Finding.Kind.DRIFT_SIZE);
            assertThat(finding.detail()).isEqualTo("the domain has 4 vCPUs and 2048 MiB, its record 2 vCPUs and 2048 MiB");
            assertThat(finding.isOpen()).isTrue();
        });
        assertThat(vms.byDomain(vm.domainName())).get().extracting(VmInstance::state).isEqualTo(VmState.RUNNING);
    }

    @Test
    void aRunningRecordWhoseDomainIsStoppedIsCorrectedAndTheDriftRecorded() {
        VmInstance vm = record(1, 512, VmState.RUNNING);
        defineOurs(vm.requestId(), 1, 512, false);

        reconciliation.reconcile(HOST);

        assertThat(vms.byDomain(vm.domainName())).get().extracting(VmInstance::state).isEqualTo(VmState.STOPPED);
        assertThat(findingsOf(vm.domainName())).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Finding.Kind.DRIFT_STATE);
            assertThat(finding.resolution()).isEqualTo(Finding.Resolution.CORRECTED);
        });
    }

    @Test
    void anOperatorDestroysAnOrphanDomain() {
        String domain = defineOurs(UUID.randomUUID().toString(), 1, 512, true);
        long id = reconciliation.reconcile(HOST).stream().filter(f -> f.domain().equals(domain)).findFirst().orElseThrow().id();

        Api.Response resolved = api.as("olga").post("/api/reconciliation/findings/" + id + "/resolve", Api.map("action", "destroy"));

        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.text("resolution")).isEqualTo("DESTROYED");
        assertThat(resolved.text("resolvedBy")).isEqualTo("olga");
        assertThat(hypervisor.lookup(HOST, domain)).isEmpty();
        assertThat(api.as("olga").post("/api/reconciliation/findings/" + id + "/resolve", Api.map("action", "destroy"))
                .status()).isEqualTo(409);
        assertThat(api.as("olga").post("/api/reconciliation/findings/" + id + "/resolve", Api.map("action", "adopt"))
                .status()).isEqualTo(400);
    }

    @Test
    void tenantMembersAndAuditorsAreRefused() {
        assertThat(api.as("alice").get("/api/reconciliation/findings").status()).isEqualTo(403);
        assertThat(api.as("alice").post("/api/reconciliation/run").status()).isEqualTo(403);
        assertThat(api.as("maya").get("/api/reconciliation/findings").status()).isEqualTo(403);
        assertThat(api.as("carol").post("/api/reconciliation/findings/1/resolve", Api.map("action", "destroy"))
                .status()).isEqualTo(403);
    }

    /** A VM of tenant acme recorded on {@link #HOST} in the given state, with no domain yet. */
    private VmInstance record(int vcpus, long memoryMiB, VmState state) {
        String request = UUID.randomUUID().toString();
        VmNaming naming = new VmNaming("acme", request, 0);
        Instant now = Instant.now();
        vms.insertIfAbsent(new VmInstance(request, 0, "acme", "web", "alice", "alice-id", naming.domain(), naming.uuid().toString(),
                "vm", Arch.x86_64, "debian-12", vcpus, memoryMiB, 10, 0, null, List.of(), null, null, null,
                VmState.PENDING, null, null, now, now));
        vms.placed(request, 0, HOST, List.of(), now);
        if (state != VmState.PROVISIONING) {
            vms.changeState(request, 0, VmState.PROVISIONING, state, null, now);
        }
        VmInstance vm = vms.find(request, 0).orElseThrow();
        recorded.add(vm);
        return vm;
    }

    /** Defines (and maybe starts) request's VM 0 on {@link #HOST} with our metadata, as provisioning would name it. */
    private String defineOurs(String request, int vcpus, long memoryMiB, boolean start) {
        String name = new VmNaming("acme", request, 0).domain();
        hypervisor.define(HOST, domainXml(name, vcpus, memoryMiB, new DomainMetadata("acme", "web", request, "alice")));
        defined.add(name);
        if (start) {
            hypervisor.start(HOST, name);
        }
        return name;
    }

    private static String domainXml(String name, int vcpus, long memoryMiB, DomainMetadata metadata) {
        return """
                <domain type='test'>
                  <name>%s</name>
                  <memory unit='MiB'>%d</memory>
                  <vcpu>%d</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                  %s
                </domain>
                """.formatted(name, memoryMiB, vcpus, metadata == null ? "" : "<metadata>" + metadata.toXml() + "</metadata>");
    }

    private List<Finding> findingsOf(String domain) {
        return reconciliation.findings(HOST, null, new PageRequest(0, PageRequest.MAX_SIZE)).items().stream()
                .filter(finding -> finding.domain().equals(domain)).toList();
    }

    private static List<JsonNode> ofDomain(JsonNode findings, String domain) {
        return StreamSupport.stream(findings.spliterator(), false)
                .filter(finding -> finding.path("domain").asText().equals(domain)).toList();
    }
}
