package io.stackgate.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.HypervisorContract;
import io.stackgate.compute.TestHosts;
import io.stackgate.compute.hosts.Fleet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libvirt adapter against libvirt's test driver: a private in-process hypervisor per host XML. */
class LibvirtHypervisorTest extends HypervisorContract {

    @TempDir
    Path folder;
    LibvirtHypervisor hypervisor;

    @BeforeEach
    void connectToATestHost() throws IOException {
        Host template = TestHosts.host(HOST, Arch.x86_64, 16, 65_536, 1.0);
        Path xml = Files.writeString(folder.resolve(HOST + ".xml"), TestHostXml.of(template, List.of()));
        Host host = new Host(HOST, "test://" + xml.toAbsolutePath(), template.arch(), template.domainType(),
                template.capacity(), template.overcommit(), template.gpus(), template.labels(), TestHosts.STORAGE);
        hypervisor = new LibvirtHypervisor(Fleet.of(List.of(host)), Clock.systemUTC());
    }

    @AfterEach
    void disconnect() {
        hypervisor.closeAll();
    }

    @Override
    protected Hypervisor hypervisor() {
        return hypervisor;
    }

    @Test
    void anUnreachableHostIsDownWithLibvirtsReason() {
        LibvirtHypervisor nowhere = new LibvirtHypervisor(Fleet.of(List.of(new Host("gone", "test:///nonexistent/host.xml",
                Arch.x86_64, ComputeProperties.DomainType.kvm, new ComputeProperties.Capacity(1, 1, 1),
                new ComputeProperties.Overcommit(1, 1), List.of(), java.util.Map.of(), TestHosts.STORAGE))), Clock.systemUTC());
        try {
            HostStatus status = nowhere.status("gone");

            assertThat(status.up()).isFalse();
            assertThat(status.reason()).contains("/nonexistent/host.xml");
            assertThat(nowhere.isUp("gone")).isFalse();
        } finally {
            nowhere.closeAll();
        }
    }
}
