package io.stackgate.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import io.stackgate.compute.Hypervisor.DomainState;
import io.stackgate.compute.libvirt.DomainSize;
import io.stackgate.compute.libvirt.LibvirtXml;
import io.stackgate.compute.networks.ProjectNetworks;
import org.junit.jupiter.api.Test;

/**
 * What Stackgate relies on from a {@link Hypervisor}, as scenarios every adapter must pass alike: libvirt's (on its test
 * driver, {@code libvirt.LibvirtHypervisorTest}) and the in-process demo ({@code demo.DemoHypervisorTest}). Each subclass gives a
 * fresh host named {@link #HOST} with the storage pool of {@link TestHosts#STORAGE} and no domains or networks.
 */
public abstract class HypervisorContract {

    protected static final String HOST = "kvm-1";
    static final DomainMetadata OURS = new DomainMetadata("acme", "web", "req-1", "alice");
    protected static final String POOL = TestHosts.STORAGE.pool();

    protected abstract Hypervisor hypervisor();

    static String domainXml(String name, UUID uuid, DomainMetadata metadata) {
        return domainXml(name, uuid, metadata, 1, 512, "");
    }

    static String domainXml(String name, UUID uuid, DomainMetadata metadata, int vcpus, long memoryMiB, String devices) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  %s
                  <memory unit='MiB'>%d</memory>
                  <vcpu>%d</vcpu>
                  <os><type arch='x86_64' machine='q35'>hvm</type></os>
                  %s
                  <devices>%s</devices>
                </domain>
                """.formatted(name, uuid == null ? "" : "<uuid>" + uuid + "</uuid>", memoryMiB, vcpus,
                metadata == null ? "" : "<metadata>" + metadata.toXml() + "</metadata>", devices);
    }

    @Test
    void theHostIsUp() {
        assertThat(hypervisor().status(HOST).up()).isTrue();
        assertThat(hypervisor().isUp(HOST)).isTrue();
    }

    @Test
    void aDefinedStartedDomainIsListedWithOurMetadataUntilDestroyedAndUndefined() {
        Hypervisor hypervisor = hypervisor();
        UUID uuid = UUID.nameUUIDFromBytes("acme/req-1/0".getBytes());

        DomainState defined = hypervisor.define(HOST, domainXml("sg-req-1-0", uuid, OURS));
        hypervisor.start(HOST, "sg-req-1-0");

        assertThat(defined.uuid()).isEqualTo(uuid);
        assertThat(defined.running()).isFalse();
        assertThat(hypervisor.domains(HOST)).singleElement().satisfies(domain -> {
            assertThat(domain.name()).isEqualTo("sg-req-1-0");
            assertThat(domain.running()).isTrue();
            assertThat(domain.metadata()).contains(OURS);
        });
        assertThat(hypervisor.lookup(HOST, uuid)).map(DomainState::name).contains("sg-req-1-0");

        hypervisor.destroy(HOST, "sg-req-1-0");
        assertThat(hypervisor.lookup(HOST, "sg-req-1-0")).map(DomainState::running).contains(false);
        hypervisor.undefine(HOST, "sg-req-1-0");
        assertThat(hypervisor.domains(HOST)).isEmpty();
        assertThat(hypervisor.lookup(HOST, uuid)).isEmpty();
        assertThat(hypervisor.lookup(HOST, "sg-req-1-0")).isEmpty();
        assertThat(hypervisor.domainXml(HOST, "sg-req-1-0")).isEmpty();
    }

    @Test
    void definingStartingDestroyingAndUndefiningTwiceChangesNothing() {
        Hypervisor hypervisor = hypervisor();
        String xml = domainXml("sg-req-1-0", null, OURS);

        DomainState first = hypervisor.define(HOST, xml);
        DomainState again = hypervisor.define(HOST, xml);
        hypervisor.start(HOST, "sg-req-1-0");
        hypervisor.start(HOST, "sg-req-1-0");

        assertThat(again.uuid()).isEqualTo(first.uuid());
        assertThat(hypervisor.domains(HOST)).hasSize(1);

        hypervisor.destroy(HOST, "sg-req-1-0");
        hypervisor.destroy(HOST, "sg-req-1-0");
        hypervisor.undefine(HOST, "sg-req-1-0");
        hypervisor.undefine(HOST, "sg-req-1-0");
        assertThat(hypervisor.domains(HOST)).isEmpty();
    }

    @Test
    void aNameTakenByAnotherDomainIsAFailureNotAnAdoption() {
        hypervisor().define(HOST, domainXml("web-1", null, null));

        assertThatThrownBy(() -> hypervisor().define(HOST, domainXml("web-1", null, OURS)))
                .isInstanceOf(HypervisorFailure.class).hasMessageContaining("web-1").hasMessageStartingWith(HOST + ": ");
    }

    @Test
    void aUuidTakenByAnotherDomainIsAFailure() {
        UUID uuid = UUID.randomUUID();
        hypervisor().define(HOST, domainXml("first", uuid, OURS));

        assertThatThrownBy(() -> hypervisor().define(HOST, domainXml("second", uuid, OURS)))
                .isInstanceOf(HypervisorFailure.class).hasMessageContaining(uuid.toString());
    }

    @Test
    void aDomainDefinedBehindOurBackIsListedWithoutMetadata() {
        hypervisor().define(HOST, domainXml("hand-made", null, null));

        assertThat(hypervisor().domains(HOST)).singleElement()
                .satisfies(domain -> assertThat(domain.metadata()).isEmpty());
    }

    @Test
    void redefiningADomainUnderItsUuidChangesItsSize() {
        UUID uuid = UUID.randomUUID();
        hypervisor().define(HOST, domainXml("resized", uuid, OURS, 1, 512, ""));

        DomainState redefined = hypervisor().define(HOST, domainXml("resized", uuid, OURS, 4, 2048, ""));

        assertThat(redefined.uuid()).isEqualTo(uuid);
        assertThat(hypervisor().domainXml(HOST, "resized").flatMap(DomainSize::in)).contains(new DomainSize(4, 2048));
        assertThat(hypervisor().domains(HOST)).hasSize(1);
    }

    @Test
    void aRunningDomainThatIsUndefinedRunsOnUntilItIsDestroyed() {
        hypervisor().define(HOST, domainXml("transient", null, OURS));
        hypervisor().start(HOST, "transient");

        hypervisor().undefine(HOST, "transient");

        assertThat(hypervisor().lookup(HOST, "transient")).map(DomainState::running).contains(true);
        hypervisor().destroy(HOST, "transient");
        assertThat(hypervisor().lookup(HOST, "transient")).isEmpty();
    }

    @Test
    void aShutdownStopsTheGuestAndOnlyARunningGuestReboots() {
        hypervisor().define(HOST, domainXml("guest", null, OURS));
        hypervisor().start(HOST, "guest");
        hypervisor().reboot(HOST, "guest");

        hypervisor().shutdown(HOST, "guest");

        assertThat(hypervisor().lookup(HOST, "guest")).map(DomainState::running).contains(false);
        assertThatThrownBy(() -> hypervisor().reboot(HOST, "guest")).isInstanceOf(HypervisorFailure.class)
                .hasMessageContaining("not running");
        hypervisor().shutdown(HOST, "guest");
    }

    @Test
    void startingADomainThatIsNotThereIsAFailureNamingTheHost() {
        assertThatThrownBy(() -> hypervisor().start(HOST, "nowhere")).isInstanceOf(HypervisorFailure.class)
                .hasMessageStartingWith(HOST + ": ");
    }

    @Test
    void volumesAreCreatedOnceFoundByNameAndDeletedOnce() {
        hypervisor().ensurePool(HOST, POOL, TestHosts.STORAGE.path());
        hypervisor().ensurePool(HOST, POOL, TestHosts.STORAGE.path());
        String xml = LibvirtXml.qcow2Volume("disk-1.qcow2", 10, null);

        String path = hypervisor().ensureVolume(HOST, POOL, xml);
        String again = hypervisor().ensureVolume(HOST, POOL, xml);
        hypervisor().ensureVolume(HOST, POOL, LibvirtXml.rawVolume("seed.iso", 4));
        hypervisor().upload(HOST, POOL, "seed.iso", new byte[] {1, 2, 3, 4});

        assertThat(path).isEqualTo(again).isEqualTo(TestHosts.STORAGE.path() + "/disk-1.qcow2");
        assertThat(hypervisor().volumePath(HOST, POOL, "disk-1.qcow2")).contains(path);
        assertThat(hypervisor().volumes(HOST, POOL)).contains("disk-1.qcow2", "seed.iso");
        hypervisor().deleteVolume(HOST, POOL, "disk-1.qcow2");
        hypervisor().deleteVolume(HOST, POOL, "disk-1.qcow2");
        assertThat(hypervisor().volumePath(HOST, POOL, "disk-1.qcow2")).isEmpty();
        assertThat(hypervisor().volumes(HOST, POOL)).doesNotContain("disk-1.qcow2");
    }

    @Test
    void aPoolThatIsNotThereHasNoVolumesAndTakesNone() {
        assertThat(hypervisor().volumes(HOST, "elsewhere")).isEmpty();
        assertThat(hypervisor().volumePath(HOST, "elsewhere", "x.qcow2")).isEmpty();
        hypervisor().deleteVolume(HOST, "elsewhere", "x.qcow2");
        assertThatThrownBy(() -> hypervisor().ensureVolume(HOST, "elsewhere", LibvirtXml.qcow2Volume("x.qcow2", 1, null)))
                .isInstanceOf(HypervisorFailure.class);
    }

    @Test
    void aProjectNetworkIsDefinedOnceAndDeletedOnce() {
        String xml = LibvirtXml.isolatedNetwork("sg-acme-web", "sgbr7", new ProjectNetworks.Subnet("10.200", 7));

        hypervisor().ensureNetwork(HOST, xml);
        hypervisor().ensureNetwork(HOST, xml);

        assertThat(hypervisor().networks(HOST)).containsOnlyOnce("sg-acme-web");
        hypervisor().deleteNetwork(HOST, "sg-acme-web");
        hypervisor().deleteNetwork(HOST, "sg-acme-web");
        assertThat(hypervisor().networks(HOST)).doesNotContain("sg-acme-web");
    }

    @Test
    void aRunningGuestOnAProjectNetworkHasAnAddressOfItsRangeAndAStoppedOneNone() {
        hypervisor().ensureNetwork(HOST, LibvirtXml.isolatedNetwork("sg-acme-web", "sgbr7", new ProjectNetworks.Subnet("10.200", 7)));
        String nic = "<interface type='network'><source network='sg-acme-web'/><mac address='52:54:00:12:34:56'/></interface>";
        hypervisor().define(HOST, domainXml("networked", null, OURS, 1, 512, nic));

        assertThat(hypervisor().ipv4Address(HOST, "networked")).isEmpty();
        hypervisor().start(HOST, "networked");

        assertThat(hypervisor().ipv4Address(HOST, "networked")).hasValueSatisfying(address -> {
            assertThat(address).startsWith("10.200.7.");
            assertThat(Integer.parseInt(address.substring("10.200.7.".length()))).isBetween(10, 250);
        });
        assertThat(hypervisor().ipv4Address(HOST, "nowhere")).isEmpty();
    }
}
