package io.stackgate.compute;

import io.stackgate.compute.ComputeProperties.Host;

/** A libvirt test-driver {@code <node>} document describing a host of the configured size. */
final class TestHostXml {

    private TestHostXml() {
    }

    static String of(Host host) {
        var capacity = host.capacity();
        return """
                <node>
                  <cpu>
                    <mode>hvm</mode>
                    <nodes>1</nodes><sockets>1</sockets><cores>%d</cores><threads>1</threads>
                    <active>%d</active><mhz>2000</mhz><model>%s</model>
                  </cpu>
                  <memory>%d</memory>
                  <pool type='dir'>
                    <name>default</name>
                    <capacity unit='GiB'>%d</capacity>
                    <allocation unit='GiB'>0</allocation>
                    <available unit='GiB'>%d</available>
                    <target><path>/var/lib/libvirt/images</path></target>
                  </pool>
                </node>
                """.formatted(capacity.vcpus(), capacity.vcpus(), host.arch(), capacity.memoryMiB() * 1024,
                capacity.diskGiB(), capacity.diskGiB());
    }
}
