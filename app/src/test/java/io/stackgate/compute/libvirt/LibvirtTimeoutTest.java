package io.stackgate.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ComputeProperties.Capacity;
import io.stackgate.compute.ComputeProperties.DomainType;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties.Overcommit;
import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.HypervisorFailure;
import io.stackgate.compute.TestHosts;
import io.stackgate.compute.hosts.Fleet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The libvirt adapter against hosts that hang: one that never answers libvirt's handshake (a silent TCP server), and a
 * real libvirtd whose open connection stops answering (a proxy in front of its socket goes silent). Calls end at their
 * time limit naming the host, the host is DOWN until it answers again, other hosts are not held up, and libvirt's
 * keepalive ends a silent connection's calls before their timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LibvirtTimeoutTest {

    static final Path LIBVIRTD = Path.of("/var/run/libvirt/libvirt-sock");

    @TempDir
    Path folder;

    @Test
    void aHostThatNeverAnswersItsHandshakeFailsAtTheConnectTimeoutAndHoldsUpNoOtherHost() throws Exception {
        try (HungTcpServer hung = new HungTcpServer()) {
            LibvirtHypervisor hypervisor = adapter(settings(Duration.ofSeconds(1), Duration.ofSeconds(2), 1),
                    host("hung", hung.uri()), host("works", testDriver("works")));
            try {
                Instant asked = Instant.now();
                assertThatThrownBy(() -> hypervisor.domains("hung")).isInstanceOf(HypervisorFailure.class)
                        .hasMessage("hung: not answering: no connection within PT1S");
                assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofMillis(1900));

                Instant again = Instant.now();
                assertThatThrownBy(() -> hypervisor.domains("hung")).isInstanceOf(HypervisorFailure.class)
                        .hasMessageStartingWith("hung: not answering: no connection within PT1S");
                assertThat(Duration.between(again, Instant.now())).as("an attempt known to hang is not waited for again")
                        .isLessThan(Duration.ofMillis(500));
                assertThat(hypervisor.status("hung").up()).isFalse();
                assertThat(hypervisor.status("hung").reason()).startsWith("not answering");

                Instant other = Instant.now();
                assertThat(hypervisor.domains("works")).isEmpty();
                assertThat(hypervisor.status("works").up()).isTrue();
                assertThat(Duration.between(other, Instant.now())).isLessThan(Duration.ofSeconds(1));
                assertThat(hung.accepted()).isPositive();
            } finally {
                hypervisor.closeAll();
            }
        }
    }

    @Test
    void aCallOnAConnectionThatStopsAnsweringEndsAtTheCallTimeoutAndTheHostIsBackOnceItAnswers() throws Exception {
        requireLibvirtd();
        try (UnixSocketProxy proxy = new UnixSocketProxy(LIBVIRTD, folder)) {
            // keepalive slower than the call timeout: the timeout is what ends the call here
            LibvirtHypervisor hypervisor = adapter(settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 60),
                    host("silent", proxy.uri()));
            try {
                assertThat(hypervisor.status("silent").up()).isTrue();
                hypervisor.domains("silent");
                proxy.silence();

                Instant asked = Instant.now();
                assertThatThrownBy(() -> hypervisor.domains("silent")).isInstanceOf(HypervisorFailure.class)
                        .hasMessage("silent: not answering: no answer within PT2S");
                assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(4));
                assertThat(hypervisor.status("silent").reason()).isEqualTo("not answering: no answer within PT2S");

                proxy.resume();
                await().atMost(Duration.ofSeconds(20)).until(() -> hypervisor.status("silent").up());
                assertThat(hypervisor.domains("silent")).isNotNull();
            } finally {
                proxy.resume();
                hypervisor.closeAll();
            }
        }
    }

    @Test
    void keepaliveEndsTheCallsOfASilentConnectionBeforeTheirTimeout() throws Exception {
        requireLibvirtd();
        try (UnixSocketProxy proxy = new UnixSocketProxy(LIBVIRTD, folder)) {
            LibvirtHypervisor hypervisor = adapter(settings(Duration.ofSeconds(5), Duration.ofSeconds(40), 1),
                    host("silent", proxy.uri()));
            try {
                hypervisor.domains("silent");
                proxy.silence();

                Instant asked = Instant.now();
                // keepalive closes the connection; the one reconnect then finds the host silent
                assertThatThrownBy(() -> hypervisor.domains("silent")).isInstanceOf(HypervisorFailure.class)
                        .hasMessageStartingWith("silent: not answering").hasMessageNotContaining("no answer within");
                assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(20));
                assertThat(hypervisor.status("silent").up()).isFalse();
            } finally {
                proxy.resume();
                hypervisor.closeAll();
            }
        }
    }

    private static ComputeProperties.Libvirt settings(Duration connect, Duration call, int keepAliveSeconds) {
        return new ComputeProperties.Libvirt(connect, call, Duration.ofMillis(500), Duration.ofMillis(200),
                Duration.ofSeconds(keepAliveSeconds), 1, 4);
    }

    private static LibvirtHypervisor adapter(ComputeProperties.Libvirt settings, Host... hosts) {
        return new LibvirtHypervisor(Fleet.of(List.of(hosts)), settings, Clock.systemUTC());
    }

    private static Host host(String name, String uri) {
        return new Host(name, uri, Arch.x86_64, DomainType.qemu, new Capacity(4, 4096, 100), new Overcommit(1, 1),
                List.of(), Map.of(), TestHosts.STORAGE);
    }

    private String testDriver(String name) throws IOException {
        Path xml = Files.writeString(folder.resolve(name + ".xml"),
                TestHostXml.of(TestHosts.host(name, Arch.x86_64, 4, 4096, 1.0), List.of()));
        return "test://" + xml.toAbsolutePath();
    }

    private static void requireLibvirtd() {
        boolean there = Files.exists(LIBVIRTD);
        if (there) {
            try {
                new Connect("qemu:///system").close();
            } catch (LibvirtException | LinkageError e) {
                there = false;
            }
        }
        if (!there && "1".equals(System.getenv("STACKGATE_REQUIRE_REAL_HYPERVISOR"))) {
            throw new AssertionError("STACKGATE_REQUIRE_REAL_HYPERVISOR=1 but libvirtd does not answer at " + LIBVIRTD);
        }
        Assumptions.assumeTrue(there, "no libvirtd at " + LIBVIRTD + " (deploy/libvirt/setup-host.sh starts one)");
    }
}
