package io.stackgate.compute.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties.Image;
import io.stackgate.compute.ComputeProperties.ImageKind;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.HypervisorFailure;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmNaming;
import io.stackgate.compute.libvirt.LibvirtXml;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import org.springframework.stereotype.Component;

/** Volume steps: the VM's root disk and cloud-init seed in its host's pool, and their removal. */
@Component
class VmVolumes {

    private final RequestService requests;
    private final Hypervisor hypervisor;
    private final ProvisionedVms records;

    VmVolumes(RequestService requests, Hypervisor hypervisor, ProvisionedVms records) {
        this.requests = requests;
        this.hypervisor = hypervisor;
        this.records = records;
    }

    /** The root disk (a copy-on-write clone of a disk image, or empty beside a kernel image) and the cloud-init seed. */
    void createVolumes(String requestId, int vmIndex) {
        VmInstance vm = records.placedVm(requestId, vmIndex);
        Host host = records.host(vm);
        VmNaming naming = ProvisionedVms.naming(vm);
        String pool = host.storage().pool();
        hypervisor.ensurePool(host.name(), pool, host.storage().path());
        Image image = records.image(vm);
        String backing = null;
        if (image.kind() == ImageKind.disk) {
            backing = hypervisor.volumePath(host.name(), pool, image.volume()).orElseThrow(() -> new HypervisorFailure(
                    host.name(), "image volume " + image.volume() + " (" + image.name() + ") is not in pool " + pool, null));
        }
        hypervisor.ensureVolume(host.name(), pool, LibvirtXml.qcow2Volume(naming.rootVolume(), vm.diskGiB(), backing));
        ResourceRequest request = requests.load(requestId);
        byte[] seed = SeedIso.of(seedFiles(vm, records.template(request, vmIndex).sshKeys(), records.userData(request, vmIndex)));
        hypervisor.ensureVolume(host.name(), pool, LibvirtXml.rawVolume(naming.seedVolume(), seed.length));
        hypervisor.upload(host.name(), pool, naming.seedVolume(), seed);
        records.step(requestId, vmIndex, vm.tenantId(), "create volumes", false, host.name());
    }

    void deleteVolumes(String requestId, int vmIndex) {
        Optional<VmInstance> found = records.vm(requestId, vmIndex).filter(vm -> vm.host() != null);
        if (found.isEmpty()) {
            return;
        }
        VmInstance vm = found.get();
        Host host = records.host(vm);
        hypervisor.deleteVolume(host.name(), host.storage().pool(), ProvisionedVms.naming(vm).seedVolume());
        hypervisor.deleteVolume(host.name(), host.storage().pool(), ProvisionedVms.naming(vm).rootVolume());
        records.step(requestId, vmIndex, vm.tenantId(), "create volumes", true, host.name());
    }

    static Map<String, byte[]> seedFiles(VmInstance vm, List<String> sshKeys, String givenUserData) {
        StringBuilder metaData = new StringBuilder()
                .append("instance-id: ").append(vm.domainUuid()).append('\n')
                .append("local-hostname: ").append(vm.hostname()).append('\n');
        if (!sshKeys.isEmpty()) {
            metaData.append("public-keys:\n");
            sshKeys.forEach(key -> metaData.append("  - \"").append(key.replace("\"", "")).append("\"\n"));
        }
        // the requester's user-data goes to the guest exactly as given; without one, a minimal cloud-config
        String userData = givenUserData != null && !givenUserData.isEmpty() ? givenUserData
                : "#cloud-config\nhostname: " + vm.hostname() + "\n";
        return Map.of("meta-data", metaData.toString().getBytes(StandardCharsets.UTF_8),
                "user-data", userData.getBytes(StandardCharsets.UTF_8));
    }
}
