package io.stackgate.compute.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties.Image;
import io.stackgate.compute.ComputeProperties.ImageKind;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.HypervisorContract;
import io.stackgate.compute.TestHosts;
import io.stackgate.compute.hosts.Fleet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-process demo hypervisor of {@code demo:} hosts: the same scenarios as libvirt's test driver. */
class DemoHypervisorTest extends HypervisorContract {

    DemoHypervisor hypervisor;

    @BeforeEach
    void aFreshDemoHost() {
        hypervisor = new DemoHypervisor(Fleet.of(List.of(demo(HOST, Arch.x86_64))), List.of(), Clock.systemUTC());
    }

    @Override
    protected Hypervisor hypervisor() {
        return hypervisor;
    }

    @Test
    void aDemoHostsPoolHoldsTheCatalogueDiskImagesOfItsArchitecture() {
        DemoHypervisor seeded = new DemoHypervisor(Fleet.of(List.of(demo("arm", Arch.aarch64))), List.of(
                new Image("debian-12", Arch.x86_64, ImageKind.disk, "debian-amd64.qcow2", null, null, "", ""),
                new Image("debian-12", Arch.aarch64, ImageKind.disk, "debian-arm64.qcow2", null, null, "", ""),
                new Image("test-guest", Arch.aarch64, ImageKind.kernel, null, "/k", "/i", "", "")), Clock.systemUTC());

        assertThat(seeded.volumes("arm", POOL)).containsExactly("debian-arm64.qcow2");
        assertThat(seeded.volumePath("arm", POOL, "debian-arm64.qcow2")).contains(TestHosts.STORAGE.path() + "/debian-arm64.qcow2");
    }

    private static Host demo(String name, Arch arch) {
        Host template = TestHosts.host(name, arch, 16, 65_536, 1.0);
        return new Host(name, Fleet.DEMO, arch, template.domainType(), template.capacity(), template.overcommit(),
                template.gpus(), template.labels(), TestHosts.STORAGE);
    }
}
