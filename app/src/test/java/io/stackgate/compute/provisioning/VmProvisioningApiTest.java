package io.stackgate.compute.provisioning;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.compute.DomainMetadata;
import io.stackgate.compute.FailingHypervisor;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmNaming;
import io.stackgate.compute.VmState;
import io.stackgate.compute.placement.Placement;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Approved VM requests through HTTP, on the demo fleet (libvirt's test driver): from submit to a running domain of
 * the right architecture, and what happens when a step fails.
 */
@StackgateTest
class VmProvisioningApiTest {

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    FailingHypervisor hypervisor;
    @Autowired
    Placement placement;
    @Autowired
    VmInstances vms;
    @Autowired
    HistoryService history;
    @Autowired
    VmProvisioning provisioning;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;

    @AfterEach
    void heal() {
        hypervisor.heal();
    }

    @Test
    void anApprovedVmRunsOnAHostOfItsArchitectureWithOurMetadata() {
        for (String arch : List.of("x86_64", "aarch64")) {
            Map<String, Object> spec = Api.map("name", Requests.uniqueName("web"), "arch", arch, "vcpus", 2,
                    "memoryMiB", 2048, "diskGiB", 20, "image", "debian-12", "sshKeys", List.of("ssh-ed25519 AAAAC3Nza alice@laptop"),
                    "userData", "#cloud-config\npackages: [nginx]\n", "leaseDays", 30);
            String id = approvedAndProvisioned(spec);

            assertThat(status(id)).isEqualTo("COMPLETED");
            JsonNode vm = onlyResourceOf(id);
            assertThat(vm.path("state").asText()).isEqualTo("RUNNING");
            assertThat(vm.path("arch").asText()).isEqualTo(arch);
            assertThat(vm.path("host").asText()).isEqualTo(arch.equals("x86_64") ? "demo-x86-1" : "demo-arm-1");
            assertThat(vm.path("leaseExpiresAt").isNull()).isFalse();
            assertThat(vm.path("network").asText()).isEqualTo("sg-acme-web");
            Hypervisor.DomainState domain = hypervisor.lookup(vm.path("host").asText(), vm.path("id").asText()).orElseThrow();
            assertThat(domain.running()).isTrue();
            assertThat(domain.metadata()).contains(new DomainMetadata("acme", "web", id, "alice"));
            String xml = hypervisor.domainXml(vm.path("host").asText(), vm.path("id").asText()).orElseThrow();
            assertThat(xml).contains(arch.equals("x86_64") ? "machine='q35'" : "machine='virt'", "arch='" + arch + "'");
            assertThat(hypervisor.volumes(vm.path("host").asText(), "stackgate"))
                    .contains(vm.path("id").asText() + ".qcow2", vm.path("id").asText() + "-seed.iso");
        }
    }

    @Test
    void aGpuVmLandsOnTheGpuHostWithItsGpuPassedThrough() {
        String id = approvedAndProvisioned(Requests.gpuVm());

        JsonNode vm = onlyResourceOf(id);
        assertThat(vm.path("host").asText()).isEqualTo("demo-gpu-1");
        assertThat(vm.path("gpuDevices")).hasSize(1);
        String xml = hypervisor.domainXml("demo-gpu-1", vm.path("id").asText()).orElseThrow();
        assertThat(xml).contains("<hostdev mode='subsystem' type='pci' managed='yes'>");
    }

    @Test
    void aVmThatDoesNotFitWaitsVisiblyThenProceedsWhenCapacityFrees() {
        long free = freeMemoryOf("demo-arm-1");
        long big = free * 2 / 3;
        String first = approvedAndProvisioned(armVm(big));
        String second = approved(armVm(big));
        jobs.run(second);

        JsonNode waiting = onlyResourceOf(second);
        assertThat(waiting.path("state").asText()).isEqualTo("WAITING");
        assertThat(waiting.path("stateReason").asText()).contains("memory");
        assertThat(status(second)).isEqualTo("PROVISIONING");
        jobs.runWithTimers(second);
        assertThat(onlyResourceOf(second).path("state").asText()).as("still no room").isEqualTo("WAITING");

        String decommission = approvedAndProvisioned("decommission", Map.of("requestId", first));
        assertThat(status(decommission)).isEqualTo("COMPLETED");
        assertThat(onlyResourceOf(first).path("state").asText()).isEqualTo("DECOMMISSIONED");
        jobs.runWithTimers(second);

        assertThat(onlyResourceOf(second).path("state").asText()).isEqualTo("RUNNING");
        assertThat(status(second)).isEqualTo("COMPLETED");
        Response again = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "decommission",
                Map.of("requestId", first)));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("errors").toString()).contains("already gone");
    }

    @ParameterizedTest(name = "{0} failing ({1} the real call)")
    @CsvSource({
        "isUp, before, reserve placement",
        "upload, after, create volumes",
        "ensureNetwork, after, ensure project network",
        "define, after, define domain",
        "start, after, start domain",
        "lookup, before, await running",
        "ipv4Address, before, record resource"})
    void aStepThatKeepsFailingLeavesNoDomainVolumeOrReservationBehind(String operation, String when, String step) {
        hypervisor.failAlways(operation, when.equals("after"));
        String id = approved(Requests.smallVm());
        jobs.run(id);
        hypervisor.heal();

        assertThat(status(id)).isEqualTo("FAILED");
        JsonNode request = api.as("alice").get("/api/requests/" + id).body();
        assertThat(request.path("outcome").asText()).contains(step + " failed").contains("injected");
        // a failure in the very first step rolls back the VM's record with it
        vms.ofRequest(id).forEach(vm -> assertThat(vm.state()).isEqualTo(VmState.FAILED));
        assertThat(placement.reserved(id, 0)).isEmpty();
        String domain = new VmNaming("acme", id, 0).domain();
        for (String host : List.of("demo-x86-1", "demo-gpu-1")) {
            assertThat(hypervisor.lookup(host, domain)).as("domain on %s", host).isEmpty();
            assertThat(hypervisor.volumes(host, "stackgate")).as("volumes on %s", host)
                    .noneMatch(volume -> volume.startsWith(domain));
            if (vms.othersOfProjectOn(host, "acme", "web", id, 0) == 0) {
                assertThat(hypervisor.networks(host)).as("networks on %s", host).doesNotContain("sg-acme-web");
            }
        }
        assertThat(history.createHistoricIncidentQuery().incidentType(MarkVmFailed.INCIDENT_TYPE)
                .configuration(id).count()).isEqualTo(1);
        JsonNode closed = api.as("olga").get("/api/incidents?state=closed&size=200").body().path("items");
        assertThat(closed).anySatisfy(incident -> {
            assertThat(incident.path("requestId").asText()).isEqualTo(id);
            assertThat(incident.path("type").asText()).isEqualTo(MarkVmFailed.INCIDENT_TYPE);
            assertThat(incident.path("message").asText()).contains(step + " failed");
        });
    }

    @Test
    void aStepThatFailsOnceIsRetriedAndTheVmStillComesUp() {
        hypervisor.failTimes("define", true, 1);
        String id = approvedAndProvisioned(Requests.smallVm());

        assertThat(hypervisor.failures()).isEqualTo(1);
        assertThat(status(id)).isEqualTo("COMPLETED");
        VmInstance vm = vms.ofRequest(id).get(0);
        assertThat(hypervisor.domains(vm.host())).filteredOn(domain -> domain.name().equals(vm.domainName())).hasSize(1);
    }

    @Test
    void theOwnerStopsAndStartsHerVmOthersMayNot() {
        String id = approvedAndProvisioned(Requests.smallVm());
        JsonNode vm = onlyResourceOf(id);
        String actions = "/api/resources/" + vm.path("id").asText() + "/actions/";

        Response stopped = api.as("alice").post(actions + "stop");
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.body().path("state").asText()).isEqualTo("STOPPED");
        assertThat(hypervisor.lookup(vm.path("host").asText(), vm.path("id").asText()).orElseThrow().running()).isFalse();

        assertThat(api.as("dave").post(actions + "start").status()).as("another tenant").isEqualTo(404);
        assertThat(api.as("maya").post(actions + "start").status()).as("an auditor").isEqualTo(403);
        Response badKind = api.as("alice").get("/api/resources?kind=bogus");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.body().path("field").asText()).isEqualTo("kind");
        Response unknown = api.as("alice").post(actions + "explode");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("field").asText()).isEqualTo("action");

        Response started = api.as("carol").post(actions + "start");
        assertThat(started.status()).as("the tenant admin").isEqualTo(200);
        assertThat(started.body().path("state").asText()).isEqualTo("RUNNING");
        assertThat(hypervisor.lookup(vm.path("host").asText(), vm.path("id").asText()).orElseThrow().running()).isTrue();
        assertThat(api.as("dave").get("/api/resources/" + vm.path("id").asText()).status()).isEqualTo(404);
    }

    @Test
    void runningEveryStepAgainAfterItSucceededChangesNothing() {
        String id = approvedAndProvisioned(Requests.smallVm());
        VmInstance vm = vms.ofRequest(id).get(0);
        Map<String, Object> before = snapshot(vm.host());

        provisioning.reservePlacement(id, 0, 1);
        provisioning.createVolumes(id, 0);
        provisioning.ensureProjectNetwork(id, 0);
        provisioning.defineDomain(id, 0);
        provisioning.startDomain(id, 0);
        provisioning.awaitRunning(id, 0);
        provisioning.recordResource(id, 0);

        assertThat(snapshot(vm.host())).isEqualTo(before);
        assertThat(hypervisor.domains(vm.host())).filteredOn(domain -> domain.name().equals(vm.domainName())).hasSize(1);
        assertThat(vms.ofRequest(id)).singleElement().satisfies(again -> {
            assertThat(again.state()).isEqualTo(VmState.RUNNING);
            assertThat(again.host()).isEqualTo(vm.host());
        });
    }

    @Test
    void fiftyConcurrentlyPlacedVmsNeverOvercommitAHost() throws Exception {
        long free = freeMemoryOf("demo-arm-1");
        long each = Math.max(256, free / 20);
        long fits = free / each;
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(approved(armVm(each)));
        }
        try {
            // each request's first job starts its provision-vm; the fifty placements then race each other
            ids.forEach(id -> management.executeJob(management.createJobQuery().rootProcessInstanceId(jobs.rootOf(id))
                    .singleResult().getId()));
            List<String> placements = ids.stream().map(id -> management.createJobQuery()
                    .rootProcessInstanceId(jobs.rootOf(id)).activityId("ReservePlacement").singleResult().getId()).toList();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                var start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<?>> runs = placements.stream()
                        .map(job -> pool.submit(() -> {
                            start.await();
                            management.executeJob(job);
                            return null;
                        })).collect(java.util.stream.Collectors.toList());
                start.countDown();
                for (var run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdown();
            }

            long placed = ids.stream().filter(id -> placement.reserved(id, 0).isPresent()).count();
            long waiting = ids.stream().filter(id -> vms.ofRequest(id).get(0).state() == VmState.WAITING).count();
            assertThat(placed).as("exactly as many as fit").isEqualTo(fits);
            assertThat(waiting).isEqualTo(50 - fits);
            for (JsonNode host : api.as("olga").get("/api/hosts").body()) {
                assertThat(host.at("/free/memoryMiB").asLong()).as("free memory of %s", host.path("name").asText())
                        .isGreaterThanOrEqualTo(0);
                assertThat(host.at("/free/vcpus").asLong()).as("free vCPUs of %s", host.path("name").asText())
                        .isGreaterThanOrEqualTo(0);
            }
        } finally {
            ids.forEach(placement::release);
        }
    }

    // --- helpers ---

    private Map<String, Object> snapshot(String host) {
        return Map.of("domains", hypervisor.domains(host).stream().map(Hypervisor.DomainState::name).sorted().toList(),
                "volumes", hypervisor.volumes(host, "stackgate").stream().sorted().toList(),
                "networks", hypervisor.networks(host).stream().sorted().toList(),
                "usage", placement.usage());
    }

    private Map<String, Object> armVm(long memoryMiB) {
        return Api.map("name", Requests.uniqueName("big"), "arch", "aarch64", "vcpus", 2, "memoryMiB", memoryMiB,
                "diskGiB", 20, "image", "debian-12");
    }

    private long freeMemoryOf(String host) {
        for (JsonNode view : api.as("olga").get("/api/hosts").body()) {
            if (view.path("name").asText().equals(host)) {
                return view.at("/free/memoryMiB").asLong();
            }
        }
        throw new AssertionError("no host " + host);
    }

    private String approvedAndProvisioned(Map<String, Object> vmSpec) {
        return approvedAndProvisioned("vm", vmSpec);
    }

    private String approvedAndProvisioned(String type, Map<String, Object> spec) {
        String id = approved(type, spec);
        jobs.run(id);
        return id;
    }

    private String approved(Map<String, Object> vmSpec) {
        return approved("vm", vmSpec);
    }

    /** Submitted by alice into acme/web and approved at every level by whoever holds it. */
    private String approved(String type, Map<String, Object> spec) {
        String id = submit(api, "alice", "acme", "web", type, spec).path("id").asText();
        Requests.approveAll(api, id);
        return id;
    }

    private String status(String id) {
        return api.as("alice").get("/api/requests/" + id).text("status");
    }

    private JsonNode onlyResourceOf(String requestId) {
        Response response = api.as("alice").get("/api/resources?tenant=acme&project=web&kind=vm&size=200");
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> mine = new java.util.ArrayList<>();
        response.body().path("items").forEach(node -> {
            if (node.path("requestId").asText().equals(requestId)) {
                mine.add(node);
            }
        });
        assertThat(mine).as("resources of %s", requestId).hasSize(1);
        return mine.get(0);
    }
}
