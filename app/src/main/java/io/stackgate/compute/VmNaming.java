package io.stackgate.compute;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Names and identities derived from the tenant and the request, never random: a step that runs again finds what it
 * made before under the same name, and two requests never collide.
 */
public record VmNaming(String tenant, String requestId, int vmIndex) {

    /** The libvirt domain name, e.g. {@code sg-acme-3f2a9c1b7d4e-0}. */
    public String domain() {
        return domainName(tenant, requestId, vmIndex);
    }

    /** The domain name of VM {@code vmIndex} of the request; a worker node's Node name too. */
    public static String domainName(String tenant, String requestId, int vmIndex) {
        return "sg-" + tenant + "-" + requestId.replace("-", "").substring(0, 12) + "-" + vmIndex;
    }

    /** A name-based (v3) UUID of tenant, request and index. */
    public UUID uuid() {
        return UUID.nameUUIDFromBytes(("stackgate/" + tenant + "/" + requestId + "/" + vmIndex).getBytes(StandardCharsets.UTF_8));
    }

    public String rootVolume() {
        return domain() + ".qcow2";
    }

    public String seedVolume() {
        return domain() + "-seed.iso";
    }

    /** A locally administered unicast MAC from the UUID, so the DHCP lease is stable across redefinitions. */
    public String mac() {
        String hex = uuid().toString().replace("-", "");
        return "52:54:00:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6);
    }

    /** The guest's hostname: the VM's name from the spec, with the index for all but the first of a pool. */
    static String hostname(String name, int vmIndex) {
        return vmIndex == 0 ? name : name + "-" + vmIndex;
    }
}
