package io.stackgate.compute;

import static io.stackgate.compute.BenchmarkJobs.approveAsBob;
import static io.stackgate.compute.BenchmarkJobs.rootsOf;
import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import io.stackgate.compute.BenchmarkJobs.Rate;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.hosts.Fleet;
import io.stackgate.compute.libvirt.DomainXml;
import io.stackgate.compute.libvirt.LibvirtXml;
import io.stackgate.compute.networks.ProjectNetworks;
import io.stackgate.compute.provisioning.SeedIso;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link ProvisioningBenchmark} on a real libvirtd with QEMU (TCG) instead of libvirt's test driver, where a start
 * launches a real QEMU process: how many approved VMs a second the whole platform provisions (every job of
 * {@code resource-request} and {@code provision-vm}, run by a pool of workers as the job executor would) against
 * what the same libvirtd takes when the same kind of domain is only defined and started, measured in the same run.
 * It prints its figure (the issue aims at 50% of raw) and asserts only that every VM came up and that nothing is
 * left on the hypervisor afterwards.
 *
 * <p>Needs the host {@code deploy/libvirt/setup-host.sh} prepares (skips without it). Excluded from the build by its
 * tag; run it alone: {@code mvn -q -B -o test -pl app -Dtest=RealQemuBenchmark -Dgroups=benchmark
 * -Dstackgate.test.excluded-groups=none -Dstackgate.test.mariadb.skip=true -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Dstackgate.bench.vms=N} (default 20) and {@code -Dstackgate.bench.workers=N} (default 4) change its size.
 * Every guest is x86_64, 1 vCPU, 256 MiB, booting the test guest; N TCG guests booting at once are heavy on a small
 * machine, so each phase destroys its guests as soon as they are measured.
 */
@Tag("benchmark")
@StackgateTest
@DirtiesContext
@TestPropertySource(properties = {
    // capacity is bookkeeping only (the guests are 256 MiB); enough for 64 of the benchmark's VMs
    "stackgate.compute.hosts[0].name=qemu-x86", "stackgate.compute.hosts[0].uri=qemu:///system",
    "stackgate.compute.hosts[0].arch=x86_64", "stackgate.compute.hosts[0].domain-type=qemu",
    "stackgate.compute.hosts[0].capacity.vcpus=64", "stackgate.compute.hosts[0].capacity.memory-mi-b=65536",
    "stackgate.compute.hosts[0].capacity.disk-gi-b=500",
    "stackgate.compute.hosts[1].name=qemu-arm", "stackgate.compute.hosts[1].uri=qemu:///system",
    "stackgate.compute.hosts[1].arch=aarch64", "stackgate.compute.hosts[1].domain-type=qemu",
    "stackgate.compute.hosts[1].capacity.vcpus=64", "stackgate.compute.hosts[1].capacity.memory-mi-b=65536",
    "stackgate.compute.hosts[1].capacity.disk-gi-b=500"})
class RealQemuBenchmark {


    static final int VMS = Integer.getInteger("stackgate.bench.vms", 20);
    static final int WORKERS = Integer.getInteger("stackgate.bench.workers", 4);
    /** Untimed, before each side: QEMU, libvirtd and the JVM's paths (Camunda, JDBC, JNA) see their first VMs. */
    static final int WARM_UP = 2;
    static final Duration PATIENCE = Duration.ofMinutes(10);

    static final String HOST = "qemu-x86";
    static final Arch ARCH = Arch.x86_64;
    static final int VCPUS = 1;
    static final long MEMORY_MIB = 256;
    static final long DISK_GIB = 1;
    static final String IMAGE = "test-guest";
    /** The raw phase's own names: its domains, volumes and network are told apart from the platform's by them. */
    static final String RAW_TENANT = "bench";
    static final String RAW_NETWORK = "sg-bench-raw";
    static final String QEMU_LOG_DIR = "/var/log/libvirt/qemu";

    /** A raw run: its rate and the time spent in each call, summed over the VMs. */
    record Raw(Rate rate, int threads, long defineNanos, long startNanos) {

        String split() {
            return "define %.0f ms + start %.0f ms a VM".formatted(defineNanos / 1e6 / rate.vms(), startNanos / 1e6 / rate.vms());
        }
    }

    // the real host and what the raw phase defines on it
    @Autowired
    Fleet fleet;
    @Autowired
    Hypervisor hypervisor;
    @Autowired
    ImageCatalogue images;
    // the platform: its API, its engine, the VMs it records and the decommissioning of them
    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    VmInstances vms;
    @Autowired
    VmRemoval provisioning;

    /** Every request the platform phase submitted, decommissioned at the end whatever happened. */
    private final List<String> platformRequests = new ArrayList<>();

    @BeforeAll
    static void realHypervisorIsThere() {
        RealHypervisor.requireOrSkip("x86_64");
    }

    @Test
    void approvedVmsBootOnRealQemuAndTheRateAgainstRawLibvirtIsPrinted() throws Exception {
        String loadBefore = loadAverage();
        Host host = fleet.host(HOST).orElseThrow();
        hypervisor.ensurePool(HOST, host.storage().pool(), host.storage().path());
        hypervisor.ensureNetwork(HOST, LibvirtXml.isolatedNetwork(RAW_NETWORK, "sgbenchraw", new ProjectNetworks.Subnet("10.251", 1)));
        rawDefineAndStart(host, WARM_UP, 1);
        Raw rawSequential = rawDefineAndStart(host, VMS, 1);
        Raw rawParallel = rawDefineAndStart(host, VMS, WORKERS);
        hypervisor.deleteNetwork(HOST, RAW_NETWORK);
        Raw raw = rawSequential.rate().perSecond() > rawParallel.rate().perSecond() ? rawSequential : rawParallel;

        // the requests' jobs on WORKERS threads, as the job executor would, until every request is done
        BenchmarkJobs platformJobs = new BenchmarkJobs(management, history, WORKERS, PATIENCE);
        List<String> warmUp = approved(WARM_UP);
        platformJobs.runAll(rootsOf(jobs, warmUp));
        decommissioned(warmUp);

        List<String> requests = approved(VMS);
        Date approvedAt = new Date();
        Set<String> roots = rootsOf(jobs, requests);
        Rate platform = new Rate(requests.size(), platformJobs.runAll(roots));
        for (String id : requests) {
            assertThat(api.as("alice").get("/api/requests/" + id).text("status")).as("request %s", id).isEqualTo("COMPLETED");
            VmInstance vm = vms.ofRequest(id).get(0);
            assertThat(vm.host()).isEqualTo(HOST);
            assertThat(vm.state()).as("VM of %s", id).isEqualTo(VmState.RUNNING);
            assertThat(hypervisor.lookup(vm.host(), vm.domainName())).as("domain of %s", id)
                    .hasValueSatisfying(domain -> assertThat(domain.running()).isTrue());
        }
        String steps = platformJobs.timeByStep(roots, approvedAt);
        long jobCount = platformJobs.succeeded(roots);
        decommissioned(requests);

        System.out.printf("%nBENCHMARK provision-vm on real QEMU: raw libvirt define+start = %.1f VMs/s (%d in %.2f s, %s); "
                + "through the platform = %.1f VMs/s (%d in %.2f s, %d workers); ratio = %.1f%% (target >= 50%%)%n"
                + "  raw, one thread: %.1f VMs/s (%s); raw, %d threads: %.1f VMs/s (%s); platform: %d jobs, "
                + "%d optimistic-locking conflicts, %d failed attempts (retried) %s; %d CPUs; load average before: %s%n%s%n",
                raw.rate().perSecond(), raw.rate().vms(), raw.rate().seconds(),
                raw.threads() == 1 ? "one thread" : raw.threads() + " threads",
                platform.perSecond(), platform.vms(), platform.seconds(), WORKERS,
                100 * platform.perSecond() / raw.rate().perSecond(),
                rawSequential.rate().perSecond(), rawSequential.split(), WORKERS, rawParallel.rate().perSecond(),
                rawParallel.split(), jobCount, platformJobs.lockConflicts(), platformJobs.failedAttempts(),
                platformJobs.failureMessages(), Runtime.getRuntime().availableProcessors(), loadBefore, steps);
    }

    /** Whatever happened above: no domain, volume or network of the benchmark stays on the hypervisor. */
    @AfterEach
    void leaveNothingBehind() {
        for (String id : platformRequests) {
            provisioning.decommission(id, "benchmark");
        }
        for (Hypervisor.DomainState domain : hypervisor.domains(HOST)) {
            if (domain.name().startsWith("sg-" + RAW_TENANT + "-")) {
                removeRawDomain(domain.name());
            }
        }
        Host host = fleet.host(HOST).orElseThrow();
        for (String volume : hypervisor.volumes(HOST, host.storage().pool())) {
            if (volume.startsWith("sg-" + RAW_TENANT + "-")) {
                hypervisor.deleteVolume(HOST, host.storage().pool(), volume);
            }
        }
        hypervisor.deleteNetwork(HOST, RAW_NETWORK);

        assertThat(hypervisor.domains(HOST)).noneMatch(domain -> domain.name().startsWith("sg-" + RAW_TENANT + "-"));
        for (String id : platformRequests) {
            for (VmInstance vm : vms.ofRequest(id)) {
                assertThat(vm.state()).as("VM of %s", id).isEqualTo(VmState.DECOMMISSIONED);
                assertThat(hypervisor.lookup(HOST, vm.domainName())).as("domain of %s", id).isEmpty();
                assertThat(hypervisor.volumes(HOST, host.storage().pool())).noneMatch(volume -> volume.startsWith(vm.domainName()));
                deleteLogs(host, vm.domainName());
            }
        }
        assertThat(hypervisor.volumes(HOST, host.storage().pool())).noneMatch(volume -> volume.startsWith("sg-" + RAW_TENANT + "-"));
        assertThat(hypervisor.networks(HOST)).doesNotContain(RAW_NETWORK, "sg-acme-web");
    }

    // --- raw: define + start through the port, nothing else; volumes and network made beforehand, untimed ---

    private Raw rawDefineAndStart(Host host, int count, int threads) throws Exception {
        String pool = host.storage().pool();
        List<String> names = new ArrayList<>();
        List<String> xmls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            VmNaming naming = new VmNaming(RAW_TENANT, UUID.randomUUID().toString(), 0);
            String root = hypervisor.ensureVolume(HOST, pool, LibvirtXml.qcow2Volume(naming.rootVolume(), DISK_GIB, null));
            byte[] seed = SeedIso.of(Map.of(
                    "meta-data", ("instance-id: " + naming.uuid() + "\nlocal-hostname: raw-" + i + "\n").getBytes(StandardCharsets.UTF_8),
                    "user-data", "#cloud-config\n".getBytes(StandardCharsets.UTF_8)));
            String seedPath = hypervisor.ensureVolume(HOST, pool, LibvirtXml.rawVolume(naming.seedVolume(), seed.length));
            hypervisor.upload(HOST, pool, naming.seedVolume(), seed);
            names.add(naming.domain());
            xmls.add(DomainXml.of(new DomainXml.Vm(naming, new DomainMetadata(RAW_TENANT, "raw", naming.requestId(), "alice"),
                    ARCH, host.domainType(), VCPUS, MEMORY_MIB, images.find(IMAGE, ARCH).orElseThrow(), root, seedPath,
                    RAW_NETWORK, host.storage().consoleDir() + "/" + naming.domain() + ".console.log", List.of())));
        }

        ExecutorService callers = Executors.newFixedThreadPool(threads);
        LongAdder defining = new LongAdder();
        LongAdder starting = new LongAdder();
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = names.get(i);
                String xml = xmls.get(i);
                done.add(callers.submit(() -> {
                    long before = System.nanoTime();
                    hypervisor.define(HOST, xml);
                    long defined = System.nanoTime();
                    hypervisor.start(HOST, name);
                    defining.add(defined - before);
                    starting.add(System.nanoTime() - defined);
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
            long nanos = System.nanoTime() - start;
            for (String name : names) {
                assertThat(hypervisor.lookup(HOST, name)).as("raw domain %s", name)
                        .hasValueSatisfying(state -> assertThat(state.running()).isTrue());
            }
            return new Raw(new Rate(count, nanos), threads, defining.sum(), starting.sum());
        } finally {
            callers.shutdown();
            names.forEach(this::removeRawDomain);
        }
    }

    private void removeRawDomain(String name) {
        Host host = fleet.host(HOST).orElseThrow();
        hypervisor.destroy(HOST, name);
        hypervisor.undefine(HOST, name);
        hypervisor.deleteVolume(HOST, host.storage().pool(), name + "-seed.iso");
        hypervisor.deleteVolume(HOST, host.storage().pool(), name + ".qcow2");
        deleteLogs(host, name);
    }

    /** The serial log and libvirt's QEMU log of the domain on this (local) host; nothing else removes them. */
    private static void deleteLogs(Host host, String domain) {
        try {
            Files.deleteIfExists(Path.of(host.storage().consoleDir(), domain + ".console.log"));
            Files.deleteIfExists(Path.of(QEMU_LOG_DIR, domain + ".log"));
        } catch (IOException e) {
            // not ours to remove (or a remote host): left as they are
        }
    }

    // --- the platform: submitted and approved over HTTP (not timed), then every job until all are done ---

    /** Submitted by alice into acme/web and approved by their department manager, bob. */
    private List<String> approved(int count) {
        List<String> ordered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = submit(api, "alice", "acme", "web", "vm", Api.map("name", Requests.uniqueName("bench"),
                    "arch", ARCH.name(), "vcpus", VCPUS, "memoryMiB", MEMORY_MIB, "diskGiB", DISK_GIB, "image", IMAGE))
                    .path("id").asText();
            ordered.add(id);
            platformRequests.add(id);
        }
        approveAsBob(api, ordered);
        return ordered;
    }

    /** Power off, undefine, volumes, network and placement, by the service a decommission request runs (untimed). */
    private void decommissioned(List<String> requests) {
        for (String id : requests) {
            provisioning.decommission(id, "benchmark");
            VmInstance vm = vms.ofRequest(id).get(0);
            assertThat(hypervisor.lookup(vm.host(), vm.domainName())).as("domain of %s after decommissioning", id).isEmpty();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
