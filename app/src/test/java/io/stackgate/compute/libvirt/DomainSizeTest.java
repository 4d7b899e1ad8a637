package io.stackgate.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainSizeTest {

    static String domain(String memory, String vcpu) {
        return "<domain type='kvm'><name>d</name>" + memory + vcpu
                + "<cpu><numa><cell id='0' cpus='0-1' memory='1' unit='GiB'/></numa></cpu></domain>";
    }

    @Test
    void memoryWithoutAUnitIsInKibibytesAsLibvirtWritesIt() {
        assertThat(DomainSize.in(domain("<memory>2097152</memory>", "<vcpu placement='static'>2</vcpu>")))
                .contains(new DomainSize(2, 2048));
    }

    @Test
    void everyBinaryUnitConvertsToMebibytes() {
        assertThat(DomainSize.in(domain("<memory unit='KiB'>1048576</memory>", "<vcpu>1</vcpu>"))).contains(new DomainSize(1, 1024));
        assertThat(DomainSize.in(domain("<memory unit='MiB'>512</memory>", "<vcpu>1</vcpu>"))).contains(new DomainSize(1, 512));
        assertThat(DomainSize.in(domain("<memory unit='G'>4</memory>", "<vcpu>1</vcpu>"))).contains(new DomainSize(1, 4096));
        assertThat(DomainSize.in(domain("<memory unit='TiB'>1</memory>", "<vcpu>1</vcpu>"))).contains(new DomainSize(1, 1_048_576));
        assertThat(DomainSize.in(domain("<memory unit='bytes'>1073741824</memory>", "<vcpu>1</vcpu>"))).contains(new DomainSize(1, 1024));
    }

    @Test
    void decimalUnitsAreThousandsNotKibibytes() {
        assertThat(DomainSize.in(domain("<memory unit='GB'>1</memory>", "<vcpu>1</vcpu>"))).contains(new DomainSize(1, 953));
    }

    @Test
    void theVcpuCountIsTheMaximumNotTheCurrentOne() {
        assertThat(DomainSize.in(domain("<memory unit='MiB'>512</memory>", "<vcpu current='1'>4</vcpu>")))
                .contains(new DomainSize(4, 512));
    }

    @Test
    void aDomainWithoutSizeOrWithAnUnknownUnitHasNone() {
        assertThat(DomainSize.in("<domain><name>d</name></domain>")).isEmpty();
        assertThat(DomainSize.in(domain("<memory unit='parsecs'>1</memory>", "<vcpu>1</vcpu>"))).isEmpty();
    }
}
