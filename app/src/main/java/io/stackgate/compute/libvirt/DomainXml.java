package io.stackgate.compute.libvirt;

import static io.stackgate.compute.libvirt.LibvirtXml.escape;

import java.util.List;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ComputeProperties.DomainType;
import io.stackgate.compute.ComputeProperties.Image;
import io.stackgate.compute.ComputeProperties.ImageKind;
import io.stackgate.compute.DomainMetadata;
import io.stackgate.compute.VmNaming;

/**
 * The libvirt domain of one VM, right for its architecture: x86_64 is a {@code q35} machine, aarch64 a {@code virt}
 * machine booted by UEFI (AAVMF, with its own NVRAM copy); the root disk is virtio, the cloud-init seed a read-only
 * cdrom (SATA on q35, virtio-scsi on virt, which has no SATA); the serial console goes to a file on the host; GPUs are
 * passed through as PCI host devices. The domain type ({@code kvm} or {@code qemu}) comes from the host's
 * configuration, never from guessing.
 */
public final class DomainXml {

    static final String AAVMF_CODE = "/usr/share/AAVMF/AAVMF_CODE.fd";
    static final String AAVMF_VARS = "/usr/share/AAVMF/AAVMF_VARS.fd";
    public static final String NVRAM_DIR = "/var/lib/libvirt/qemu/nvram/";

    /**
     * @param rootDisk the root volume's path on the host
     * @param seedDisk the seed ISO volume's path on the host
     * @param gpus     PCI addresses such as {@code 0000:3b:00.0}
     */
    public record Vm(VmNaming naming, DomainMetadata metadata, Arch arch, DomainType type, int vcpus, long memoryMiB, Image image,
            String rootDisk, String seedDisk, String network, String consoleLog, List<String> gpus) {
    }

    private DomainXml() {
    }

    public static String of(Vm vm) {
        boolean arm = vm.arch() == Arch.aarch64;
        return """
                <domain type='%s'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <metadata>%s</metadata>
                  <memory unit='MiB'>%d</memory>
                  <vcpu placement='static'>%d</vcpu>
                  <os>
                    <type arch='%s' machine='%s'>hvm</type>
                %s  </os>
                  <features><acpi/>%s</features>
                %s  <clock offset='utc'/>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='%s'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <disk type='file' device='cdrom'>
                      <driver name='qemu' type='raw'/>
                      <source file='%s'/>
                      <target dev='sda' bus='%s'/>
                      <readonly/>
                    </disk>
                %s    <interface type='network'>
                      <mac address='%s'/>
                      <source network='%s'/>
                      <model type='virtio'/>
                    </interface>
                    <serial type='file'>
                      <source path='%s'/>
                      <target port='0'/>
                    </serial>
                    <console type='file'>
                      <source path='%s'/>
                      <target type='serial' port='0'/>
                    </console>
                %s  </devices>
                </domain>
                """.formatted(vm.type().name(), escape(vm.naming().domain()), vm.naming().uuid(), vm.metadata().toXml(),
                vm.memoryMiB(), vm.vcpus(), arm ? "aarch64" : "x86_64", arm ? "virt" : "q35", boot(vm, arm),
                arm ? "<gic version='2'/>" : "<apic/>", cpu(vm, arm), escape(vm.rootDisk()), escape(vm.seedDisk()),
                arm ? "scsi" : "sata", arm ? "    <controller type='scsi' index='0' model='virtio-scsi'/>\n" : "",
                vm.naming().mac(), escape(vm.network()), escape(vm.consoleLog()), escape(vm.consoleLog()),
                hostdevs(vm.gpus()));
    }

    private static String boot(Vm vm, boolean arm) {
        StringBuilder os = new StringBuilder();
        if (arm) {
            os.append("    <loader readonly='yes' type='pflash'>").append(AAVMF_CODE).append("</loader>\n")
                    .append("    <nvram template='").append(AAVMF_VARS).append("'>").append(NVRAM_DIR)
                    .append(escape(vm.naming().domain())).append("_VARS.fd</nvram>\n");
        }
        if (vm.image().kind() == ImageKind.kernel) {
            String console = arm ? "console=ttyAMA0" : "console=ttyS0";
            os.append("    <kernel>").append(escape(vm.image().kernel())).append("</kernel>\n")
                    .append("    <initrd>").append(escape(vm.image().initrd())).append("</initrd>\n")
                    .append("    <cmdline>").append(escape((console + " " + vm.image().cmdline()).trim())).append("</cmdline>\n");
        } else {
            os.append("    <boot dev='hd'/>\n");
        }
        return os.toString();
    }

    /** KVM passes the host CPU through; TCG emulates a named model (aarch64 {@code virt} has no default one). */
    private static String cpu(Vm vm, boolean arm) {
        if (vm.type() == DomainType.kvm) {
            return "  <cpu mode='host-passthrough'/>\n";
        }
        return arm ? "  <cpu mode='custom' match='exact'><model fallback='allow'>cortex-a57</model></cpu>\n" : "";
    }

    private static String hostdevs(List<String> gpus) {
        StringBuilder devices = new StringBuilder();
        for (String gpu : gpus) {
            String[] parts = gpu.split("[:.]");
            if (parts.length != 4) {
                throw new IllegalArgumentException("not a PCI address: " + gpu);
            }
            devices.append("    <hostdev mode='subsystem' type='pci' managed='yes'>\n")
                    .append("      <source><address domain='0x").append(parts[0]).append("' bus='0x").append(parts[1])
                    .append("' slot='0x").append(parts[2]).append("' function='0x").append(parts[3]).append("'/></source>\n")
                    .append("    </hostdev>\n");
        }
        return devices.toString();
    }
}
