package io.stackgate.compute;

import static io.stackgate.support.Requests.approvedAndRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.stackgate.compute.libvirt.DomainXml;
import io.stackgate.compute.networks.ProjectNetworks;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The same approved request as on the test driver, on a real libvirtd with QEMU (TCG): the guest built by
 * {@code deploy/libvirt/build-test-guest.sh} boots on x86_64 and aarch64, and its serial console proves it got the
 * right hostname, the request's user-data and an address on its project's isolated network. Needs the host that
 * {@code deploy/libvirt/setup-host.sh} prepares (CI runs it first and sets STACKGATE_REQUIRE_REAL_HYPERVISOR=1, so
 * there a missing hypervisor fails instead of skipping).
 */
@Tag("real-hypervisor")
@StackgateTest
@TestPropertySource(properties = {
    "stackgate.compute.hosts[0].name=qemu-x86", "stackgate.compute.hosts[0].uri=qemu:///system",
    "stackgate.compute.hosts[0].arch=x86_64", "stackgate.compute.hosts[0].domain-type=qemu",
    "stackgate.compute.hosts[0].capacity.vcpus=2", "stackgate.compute.hosts[0].capacity.memory-mi-b=2048",
    "stackgate.compute.hosts[0].capacity.disk-gi-b=20",
    "stackgate.compute.hosts[1].name=qemu-arm", "stackgate.compute.hosts[1].uri=qemu:///system",
    "stackgate.compute.hosts[1].arch=aarch64", "stackgate.compute.hosts[1].domain-type=qemu",
    "stackgate.compute.hosts[1].capacity.vcpus=2", "stackgate.compute.hosts[1].capacity.memory-mi-b=2048",
    "stackgate.compute.hosts[1].capacity.disk-gi-b=20"})
class RealQemuIT {


    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    FailingHypervisor hypervisor;
    @Autowired
    VmInstances vms;
    @Autowired
    ProjectNetworks networks;

    @BeforeAll
    static void realHypervisorIsThere() {
        RealHypervisor.requireOrSkip("x86_64", "aarch64");
    }

    @AfterEach
    void heal() {
        hypervisor.heal();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x86_64", "aarch64"})
    void anApprovedRequestBootsARealGuestWithItsHostnameUserDataAndProjectAddressThenDecommissions(String arch) throws IOException {
        String name = Requests.uniqueName("guest");
        String userData = "#cloud-config\n# " + UUID.randomUUID() + "\nruncmd: [echo hello]\n";
        String id = approvedAndRun(api, jobs, "vm", guest(name, arch, userData));

        assertThat(status(id)).isEqualTo("COMPLETED");
        VmInstance vm = vms.ofRequest(id).get(0);
        assertThat(vm.state()).isEqualTo(VmState.RUNNING);
        assertThat(vm.host()).isEqualTo(arch.equals("x86_64") ? "qemu-x86" : "qemu-arm");
        Path console = Path.of("/var/log/stackgate", vm.domainName() + ".console.log");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> consoleLines(console).contains("STACKGATE-GUEST ready"));

        List<String> lines = consoleLines(console);
        String subnet = networks.find("acme", "web").orElseThrow().subnet().address(0);
        String prefix = subnet.substring(0, subnet.lastIndexOf('.') + 1);
        assertThat(lines).contains("STACKGATE-GUEST hostname=" + name,
                "STACKGATE-GUEST user-data-sha256=" + sha256(userData));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("STACKGATE-GUEST address=" + prefix));

        String decommission = approvedAndRun(api, jobs, "decommission", Map.of("requestId", id));
        assertThat(status(decommission)).isEqualTo("COMPLETED");
        assertNothingLeftOf(vm);
    }

    @Test
    void aFailureAfterDefineOnTheRealHypervisorLeavesNoDomainVolumeNvramSeedOrNetworkBehind() {
        hypervisor.failAlways("define", true);
        String id = approvedAndRun(api, jobs, "vm", guest(Requests.uniqueName("doomed"), "aarch64", "#cloud-config\n"));
        hypervisor.heal();

        assertThat(status(id)).isEqualTo("FAILED");
        VmInstance vm = vms.ofRequest(id).get(0);
        assertThat(vm.state()).isEqualTo(VmState.FAILED);
        assertNothingLeftOf(vm);
    }

    private void assertNothingLeftOf(VmInstance vm) {
        assertThat(hypervisor.lookup(vm.host(), vm.domainName())).isEmpty();
        assertThat(hypervisor.volumes(vm.host(), "stackgate")).noneMatch(volume -> volume.startsWith(vm.domainName()));
        assertThat(Path.of(DomainXml.NVRAM_DIR, vm.domainName() + "_VARS.fd")).doesNotExist();
        if (vms.othersOfProjectOn(vm.host(), vm.tenantId(), vm.projectId(), vm.requestId(), vm.vmIndex()) == 0) {
            assertThat(hypervisor.networks(vm.host())).doesNotContain(vm.network() == null ? "sg-acme-web" : vm.network());
        }
    }

    private static Map<String, Object> guest(String name, String arch, String userData) {
        return Api.map("name", name, "arch", arch, "vcpus", 1, "memoryMiB", 256, "diskGiB", 1, "image", "test-guest",
                "userData", userData);
    }


    private String status(String id) {
        return api.as("alice").get("/api/requests/" + id).text("status");
    }

    /** Whole lines, without the carriage returns of a serial console and whatever firmware printed before. */
    private static List<String> consoleLines(Path console) throws IOException {
        if (!Files.exists(console)) {
            return List.of();
        }
        String text = new String(Files.readAllBytes(console), StandardCharsets.ISO_8859_1);
        return text.lines().map(line -> line.replace("\r", "").trim()).toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
