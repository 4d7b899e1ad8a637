package io.stackgate.compute.provisioning;

import java.time.Clock;
import java.util.Optional;

import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.networks.ProjectNetworks;
import io.stackgate.compute.vms.VmInstances;
import org.springframework.stereotype.Component;

/** Network steps: the project's isolated network on the VM's host, and its release. */
@Component
class VmNetworks {

    private final VmInstances vms;
    private final Hypervisor hypervisor;
    private final ProjectNetworks networks;
    private final ProvisionedVms records;
    private final Clock clock;

    VmNetworks(VmInstances vms, Hypervisor hypervisor, ProjectNetworks networks, ProvisionedVms records, Clock clock) {
        this.vms = vms;
        this.hypervisor = hypervisor;
        this.networks = networks;
        this.records = records;
        this.clock = clock;
    }

    /** The project's isolated network on the VM's host. */
    void ensureProjectNetwork(String requestId, int vmIndex) {
        VmInstance vm = records.placedVm(requestId, vmIndex);
        ProjectNetworks.ProjectNetwork network = networks.of(vm.tenantId(), vm.projectId());
        hypervisor.ensureNetwork(vm.host(), network.xml());
        vms.network(requestId, vmIndex, network.name(), ProvisionedVms.naming(vm).mac(), clock.instant());
        records.step(requestId, vmIndex, vm.tenantId(), "ensure project network", false, vm.host());
    }

    /** Removes the project's network from the host unless another VM of the project there still uses it. */
    void releaseProjectNetwork(String requestId, int vmIndex) {
        Optional<VmInstance> found = records.vm(requestId, vmIndex).filter(vm -> vm.host() != null && vm.network() != null);
        if (found.isEmpty()) {
            return;
        }
        VmInstance vm = found.get();
        if (vms.othersOfProjectOn(vm.host(), vm.tenantId(), vm.projectId(), requestId, vmIndex) == 0) {
            hypervisor.deleteNetwork(vm.host(), vm.network());
        }
        records.step(requestId, vmIndex, vm.tenantId(), "ensure project network", true, vm.host());
    }
}
