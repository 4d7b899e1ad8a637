package io.stackgate.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.Hypervisor.DomainState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libvirt adapter against libvirt's test driver: a private in-process hypervisor per host XML. */
class LibvirtHypervisorTest {

    static final DomainMetadata OURS = new DomainMetadata("acme", "web", "req-1", "alice");

    @TempDir
    Path folder;
    LibvirtHypervisor hypervisor;

    @BeforeEach
    void connectToATestHost() throws IOException {
        Host template = TestHosts.host("kvm-1", Arch.x86_64, 16, 65_536, 1.0);
        Path xml = Files.writeString(folder.resolve("kvm-1.xml"), TestHostXml.of(template, List.of()));
        Host host = new Host("kvm-1", "test://" + xml.toAbsolutePath(), template.arch(), template.domainType(),
                template.capacity(), template.overcommit(), template.gpus(), template.labels(), TestHosts.STORAGE);
        hypervisor = new LibvirtHypervisor(Fleet.of(List.of(host)));
    }

    @AfterEach
    void disconnect() {
        hypervisor.closeAll();
    }

    static String domainXml(String name, UUID uuid, DomainMetadata metadata) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  %s
                  <memory unit='MiB'>512</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='q35'>hvm</type></os>
                  %s
                </domain>
                """.formatted(name, uuid == null ? "" : "<uuid>" + uuid + "</uuid>",
                metadata == null ? "" : "<metadata>" + metadata.toXml() + "</metadata>");
    }

    @Test
    void aDefinedStartedDomainIsListedWithOurMetadataUntilDestroyedAndUndefined() {
        UUID uuid = UUID.nameUUIDFromBytes("acme/req-1/0".getBytes());
        assertThat(hypervisor.isUp("kvm-1")).isTrue();

        DomainState defined = hypervisor.define("kvm-1", domainXml("sg-req-1-0", uuid, OURS));
        hypervisor.start("kvm-1", "sg-req-1-0");

        assertThat(defined.uuid()).isEqualTo(uuid);
        assertThat(hypervisor.domains("kvm-1")).singleElement().satisfies(domain -> {
            assertThat(domain.name()).isEqualTo("sg-req-1-0");
            assertThat(domain.running()).isTrue();
            assertThat(domain.metadata()).contains(OURS);
        });
        assertThat(hypervisor.lookup("kvm-1", uuid)).map(DomainState::name).contains("sg-req-1-0");

        hypervisor.destroy("kvm-1", "sg-req-1-0");
        assertThat(hypervisor.lookup("kvm-1", "sg-req-1-0")).map(DomainState::running).contains(false);
        hypervisor.undefine("kvm-1", "sg-req-1-0");
        assertThat(hypervisor.domains("kvm-1")).isEmpty();
        assertThat(hypervisor.lookup("kvm-1", uuid)).isEmpty();
    }

    @Test
    void definingStartingDestroyingAndUndefiningTwiceChangesNothing() {
        String xml = domainXml("sg-req-1-0", null, OURS);

        DomainState first = hypervisor.define("kvm-1", xml);
        DomainState again = hypervisor.define("kvm-1", xml);
        hypervisor.start("kvm-1", "sg-req-1-0");
        hypervisor.start("kvm-1", "sg-req-1-0");

        assertThat(again.uuid()).isEqualTo(first.uuid());
        assertThat(hypervisor.domains("kvm-1")).hasSize(1);

        hypervisor.destroy("kvm-1", "sg-req-1-0");
        hypervisor.destroy("kvm-1", "sg-req-1-0");
        hypervisor.undefine("kvm-1", "sg-req-1-0");
        hypervisor.undefine("kvm-1", "sg-req-1-0");
        assertThat(hypervisor.domains("kvm-1")).isEmpty();
    }

    @Test
    void aNameTakenByAnotherDomainIsAFailureNotAnAdoption() {
        hypervisor.define("kvm-1", domainXml("web-1", null, null));

        assertThatThrownBy(() -> hypervisor.define("kvm-1", domainXml("web-1", null, OURS)))
                .isInstanceOf(HypervisorFailure.class).hasMessageContaining("web-1");
    }

    @Test
    void aDomainDefinedBehindOurBackIsListedWithoutMetadata() {
        hypervisor.define("kvm-1", domainXml("hand-made", null, null));

        assertThat(hypervisor.domains("kvm-1")).singleElement()
                .satisfies(domain -> assertThat(domain.metadata()).isEmpty());
    }

    @Test
    void anUnreachableHostIsDown() {
        LibvirtHypervisor nowhere = new LibvirtHypervisor(Fleet.of(List.of(new Host("gone", "test:///nonexistent/host.xml",
                Arch.x86_64, ComputeProperties.DomainType.kvm, new ComputeProperties.Capacity(1, 1, 1),
                new ComputeProperties.Overcommit(1, 1), List.of(), java.util.Map.of(), TestHosts.STORAGE))));

        assertThat(nowhere.isUp("gone")).isFalse();
    }
}
