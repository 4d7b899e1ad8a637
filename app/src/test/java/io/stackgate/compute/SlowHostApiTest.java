package io.stackgate.compute;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.compute.libvirt.HungTcpServer;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One host hangs (a TCP server that accepts libvirt's connection and never answers) next to a working one (libvirt's
 * test driver): the host list answers within the probe timeout and shows the hung host DOWN, reconciliation finishes
 * the working host and reports the other as not answering, a VM is placed on the working host and runs, and the lease
 * check handles the working host's VMs — none of them waits for the hung host beyond its time limits.
 */
@StackgateTest
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowHostApiTest {

    static final HungTcpServer HUNG = new HungTcpServer();
    static final String WORKS = "works-1";
    static final String HANGS = "hangs-1";
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    @DynamicPropertySource
    static void aWorkingAndAHungHost(DynamicPropertyRegistry properties) {
        host(properties, 0, WORKS, () -> "test:generated", 16, 65_536);
        // the hung host has more room: placement would prefer it if it answered
        host(properties, 1, HANGS, HUNG::uri, 64, 262_144);
        properties.add("stackgate.compute.libvirt.call-timeout", CALL_TIMEOUT::toString);
        properties.add("stackgate.compute.libvirt.connect-timeout", () -> "PT2S");
        properties.add("stackgate.compute.libvirt.probe-timeout", PROBE_TIMEOUT::toString);
        properties.add("stackgate.compute.libvirt.status-cache-for", () -> "PT2S");
    }

    private static void host(DynamicPropertyRegistry properties, int index, String name, Supplier<Object> uri, int vcpus,
            long memoryMiB) {
        String prefix = "stackgate.compute.hosts[" + index + "].";
        properties.add(prefix + "name", () -> name);
        properties.add(prefix + "uri", uri);
        properties.add(prefix + "arch", () -> "x86_64");
        properties.add(prefix + "domainType", () -> "qemu");
        properties.add(prefix + "capacity.vcpus", () -> vcpus);
        properties.add(prefix + "capacity.memoryMiB", () -> memoryMiB);
        properties.add(prefix + "capacity.diskGiB", () -> 1000);
    }

    @AfterAll
    static void stopTheHungHost() throws Exception {
        HUNG.close();
    }

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    Hypervisor hypervisor;
    @Autowired
    LeaseKeeper leases;
    @Autowired
    VmInstances vms;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theHostListAnswersWithinTheProbeTimeoutAndShowsTheHungHostDown() {
        for (int round = 0; round < 3; round++) {
            Instant asked = Instant.now();
            Api.Response hosts = api.as("olga").get("/api/hosts");
            Duration took = Duration.between(asked, Instant.now());

            assertThat(took).as("round %d", round).isLessThan(PROBE_TIMEOUT.plusSeconds(2));
            assertThat(hosts.status()).isEqualTo(200);
            assertThat(host(hosts.body(), WORKS).path("state").asText()).isEqualTo("up");
            assertThat(host(hosts.body(), HANGS).path("state").asText()).isEqualTo("down");
            assertThat(host(hosts.body(), HANGS).path("stateReason").asText()).startsWith("not answering");
        }
        assertThat(HUNG.accepted()).as("libvirt really connected to the hung host").isPositive();
        JsonNode health = api.as("olga").get("/actuator/health").body();
        assertThat(health.path("status").asText()).as("a host down does not take the application down").isEqualTo("UP");
        assertThat(health.at("/components/hosts/status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/components/hosts/details/hosts/" + HANGS + "/state").asText()).isEqualTo("DOWN");
        assertThat(health.at("/components/hosts/details/hosts/" + HANGS + "/reason").asText()).startsWith("not answering");
    }

    @Test
    void aCallToTheHungHostFailsNamingTheHostAndTheTimeLimit() {
        Instant asked = Instant.now();

        assertThatThrownBy(() -> hypervisor.domains(HANGS)).isInstanceOf(HypervisorFailure.class)
                .hasMessageStartingWith(HANGS + ": not answering: no ").hasMessageContaining("within PT");
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(hypervisor.domains(WORKS)).isNotNull();
    }

    @Test
    void reconciliationFinishesTheWorkingHostAndReportsTheHungOneAsNotAnswering() {
        String orphan = new VmNaming("acme", UUID.randomUUID().toString(), 0).domain();
        hypervisor.define(WORKS, """
                <domain type='test'><name>%s</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os><metadata>%s</metadata></domain>
                """.formatted(orphan, new DomainMetadata("acme", "web", "req-orphan", "alice").toXml()));
        try {
            Instant asked = Instant.now();
            Api.Response run = api.as("olga").post("/api/reconciliation/run");
            Duration took = Duration.between(asked, Instant.now());

            assertThat(run.status()).isEqualTo(200);
            assertThat(took).isLessThan(CALL_TIMEOUT.plus(PROBE_TIMEOUT).plusSeconds(3));
            assertThat(run.body().path("findings").toString()).contains(orphan);
            JsonNode works = hostRun(run.body(), WORKS);
            JsonNode hangs = hostRun(run.body(), HANGS);
            assertThat(works.path("reconciled").asBoolean()).isTrue();
            assertThat(hangs.path("reconciled").asBoolean()).isFalse();
            assertThat(hangs.path("reason").asText()).startsWith("not answering");
        } finally {
            hypervisor.undefine(WORKS, orphan);
        }
    }

    @Test
    void aVmIsPlacedOnTheWorkingHostRunsAndItsLeaseIsHandledWhileTheOtherHostHangs() {
        Map<String, Object> spec = Api.map("name", Requests.uniqueName("busy"), "arch", "x86_64", "vcpus", 1,
                "memoryMiB", 512, "diskGiB", 5, "image", "debian-12", "leaseDays", 1);
        String id = submit(api, "alice", "acme", "web", "vm", spec).path("id").asText();
        Requests.approveAll(api, id);
        Instant started = Instant.now();
        jobs.run(id);

        assertThat(Duration.between(started, Instant.now())).isLessThan(CALL_TIMEOUT.multipliedBy(3));
        assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("COMPLETED");
        VmInstance vm = vms.ofRequest(id).get(0);
        assertThat(vm.state()).isEqualTo(VmState.RUNNING);
        assertThat(vm.host()).isEqualTo(WORKS);

        VmInstance stranded = leasedVmOn(HANGS, vm.leaseExpiresAt());
        Instant checked = Instant.now();
        leases.check(vm.leaseExpiresAt().plus(Duration.ofMinutes(1)));

        assertThat(Duration.between(checked, Instant.now())).isLessThan(CALL_TIMEOUT);
        assertThat(vms.find(id, 0).orElseThrow().state()).as("the working host's VM: powered off at its lease's end")
                .isEqualTo(VmState.STOPPED);
        assertThat(hypervisor.lookup(WORKS, vm.domainName()).orElseThrow().running()).isFalse();
        assertThat(vms.find(stranded.requestId(), 0).orElseThrow().state()).as("the hung host's VM waits for it")
                .isEqualTo(VmState.RUNNING);
    }

    /** A running VM recorded on the host, with a lease ending when the given one does. */
    private VmInstance leasedVmOn(String host, Instant leaseEnds) {
        String request = UUID.randomUUID().toString();
        VmNaming naming = new VmNaming("acme", request, 0);
        Instant now = Instant.now();
        vms.insertIfAbsent(new VmInstance(request, 0, "acme", "web", "alice", "alice-id", naming.domain(),
                naming.uuid().toString(), "stranded", Arch.x86_64, "debian-12", 1, 512, 5, 0, null, List.of(), null, null,
                null, VmState.PENDING, null, null, now, now));
        vms.placed(request, 0, host, List.of(), now);
        vms.running(request, 0, leaseEnds, now);
        return vms.find(request, 0).orElseThrow();
    }

    private static JsonNode host(JsonNode hosts, String name) {
        for (JsonNode host : hosts) {
            if (host.path("name").asText().equals(name)) {
                return host;
            }
        }
        throw new AssertionError("no host " + name + " in " + hosts);
    }

    private static JsonNode hostRun(JsonNode run, String name) {
        for (JsonNode host : run.path("hosts")) {
            if (host.path("host").asText().equals(name)) {
                return host;
            }
        }
        throw new AssertionError("no host " + name + " in " + run);
    }
}
