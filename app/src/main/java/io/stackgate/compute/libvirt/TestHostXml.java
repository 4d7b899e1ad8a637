package io.stackgate.compute.libvirt;

import java.util.List;
import java.util.stream.Collectors;

import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties.Image;
import io.stackgate.compute.ComputeProperties;

/**
 * A libvirt test-driver {@code <node>} document describing a host of the configured size, with the host's storage
 * pool already holding the catalogue's disk images of its architecture (as an operator would have uploaded them).
 */
public final class TestHostXml {

    private TestHostXml() {
    }

    public static String of(Host host, List<Image> images) {
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
                  <pool type='dir'>
                    <name>%s</name>
                    <capacity unit='GiB'>%d</capacity>
                    <allocation unit='GiB'>0</allocation>
                    <available unit='GiB'>%d</available>
                    <target><path>%s</path></target>
                %s  </pool>
                </node>
                """.formatted(capacity.vcpus(), capacity.vcpus(), host.arch(), capacity.memoryMiB() * 1024,
                capacity.diskGiB(), capacity.diskGiB(), host.storage().pool(), capacity.diskGiB(), capacity.diskGiB(),
                host.storage().path(), baseVolumes(host, images));
    }

    private static String baseVolumes(Host host, List<Image> images) {
        return images.stream()
                .filter(image -> image.arch() == host.arch() && image.kind() == ComputeProperties.ImageKind.disk)
                .map(image -> "    <volume type='file'><name>" + image.volume() + "</name>"
                        + "<capacity unit='GiB'>2</capacity><target><format type='qcow2'/></target></volume>\n")
                .collect(Collectors.joining());
    }
}
