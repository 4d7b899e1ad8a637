package io.stackgate.compute.removal;

import java.util.List;

import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmState;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.errors.InvalidInput;
import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.LeaseRenewalSpec;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.SpecCheck;
import io.stackgate.requests.VmResizeSpec;
import org.springframework.stereotype.Component;

/** A VM request whose VMs are all gone can be neither decommissioned again, renewed nor resized. */
@Component
class DecommissionCheck implements SpecCheck {

    private final VmInstances vms;

    DecommissionCheck(VmInstances vms) {
        this.vms = vms;
    }

    @Override
    public void check(String tenantId, String projectId, RequestSpec spec) {
        String target = spec instanceof DecommissionSpec decommission ? decommission.requestId()
                : spec instanceof LeaseRenewalSpec renewal ? renewal.requestId()
                : spec instanceof VmResizeSpec resize ? resize.requestId() : null;
        if (target == null) {
            return;
        }
        List<VmInstance> instances = vms.ofRequest(target);
        if (!instances.isEmpty() && instances.stream().allMatch(vm -> vm.state() == VmState.DECOMMISSIONED
                || vm.state() == VmState.FAILED)) {
            throw new InvalidInput("spec.requestId", "the VMs of request " + target + " are already gone");
        }
    }
}
