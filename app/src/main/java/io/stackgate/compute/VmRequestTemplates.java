package io.stackgate.compute;

import io.stackgate.requests.ResourceRequest;
import io.stackgate.requests.VmSpec;
import org.springframework.stereotype.Component;

/** The VMs of a {@code vm} request: exactly what its spec says, the requester's user-data as given. */
@Component
class VmRequestTemplates implements VmTemplates {

    @Override
    public boolean handles(ResourceRequest request) {
        return request.spec() instanceof VmSpec;
    }

    @Override
    public VmTemplate template(ResourceRequest request, int vmIndex) {
        VmSpec spec = (VmSpec) request.spec();
        return new VmTemplate(VmNaming.hostname(spec.name(), vmIndex), Arch.valueOf(spec.arch()), spec.vcpus(),
                spec.memoryMiB(), spec.diskGiB(), spec.image(), spec.gpus(), spec.sshKeys(), spec.leaseDays());
    }

    @Override
    public String userData(ResourceRequest request, int vmIndex) {
        return ((VmSpec) request.spec()).userData();
    }
}
