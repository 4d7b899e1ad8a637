package io.stackgate.compute.libvirt;

import io.stackgate.compute.networks.ProjectNetworks;

/** The small libvirt documents besides the domain: storage pool, volumes, isolated network. */
public final class LibvirtXml {

    private LibvirtXml() {
    }

    static String dirPool(String name, String path) {
        return """
                <pool type='dir'>
                  <name>%s</name>
                  <target><path>%s</path><permissions><mode>0711</mode></permissions></target>
                </pool>
                """.formatted(escape(name), escape(path));
    }

    /**
     * A qcow2 volume, empty or on top of a backing image (a copy-on-write clone of a cloud image). Thin: nothing is
     * allocated up front (capacity is what placement accounts for), which is also what libvirt's test driver needs to
     * hold more than its fixed 100 GiB pool's worth of disks.
     */
    public static String qcow2Volume(String name, long capacityGiB, String backingPath) {
        String backing = backingPath == null ? "" : """
                  <backingStore><path>%s</path><format type='qcow2'/></backingStore>
                """.formatted(escape(backingPath));
        return """
                <volume type='file'>
                  <name>%s</name>
                  <capacity unit='GiB'>%d</capacity>
                  <allocation unit='bytes'>0</allocation>
                  <target><format type='qcow2'/></target>
                %s</volume>
                """.formatted(escape(name), capacityGiB, backing);
    }

    /** A raw volume of exactly {@code bytes} bytes, to upload a small file (the cloud-init seed) into. */
    public static String rawVolume(String name, long bytes) {
        return """
                <volume type='file'>
                  <name>%s</name>
                  <capacity unit='bytes'>%d</capacity>
                  <allocation unit='bytes'>%d</allocation>
                  <target><format type='raw'/></target>
                </volume>
                """.formatted(escape(name), bytes, bytes);
    }

    /**
     * An isolated network: no {@code <forward>}, so guests reach each other and their host's bridge address only; DHCP
     * by libvirt's dnsmasq hands out .10–.250 of the /24.
     */
    public static String isolatedNetwork(String name, String bridge, ProjectNetworks.Subnet subnet) {
        return """
                <network>
                  <name>%s</name>
                  <bridge name='%s' stp='on' delay='0'/>
                  <ip address='%s' netmask='255.255.255.0'>
                    <dhcp><range start='%s' end='%s'/></dhcp>
                  </ip>
                </network>
                """.formatted(escape(name), escape(bridge), subnet.gateway(), subnet.address(10), subnet.address(250));
    }

    /** The text of the document's first {@code <name>} element. */
    public static String nameIn(String xml) {
        int start = xml.indexOf("<name>");
        int end = xml.indexOf("</name>", start);
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("libvirt XML without <name>");
        }
        return xml.substring(start + "<name>".length(), end).trim();
    }

    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }
}
