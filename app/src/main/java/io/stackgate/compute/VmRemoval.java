package io.stackgate.compute;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.stackgate.compute.placement.Placement;
import io.stackgate.compute.provisioning.VmProvisioning;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.requests.VmSpec;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * VMs leaving for good: a decommissioned request's (or one of them), and one taken back because what it was made for
 * failed. Each removal powers off, undefines (with NVRAM), deletes the volumes, drops the project network from the
 * host if no other VM of the project uses it and releases the capacity; each is safe to repeat.
 */
@Service
public class VmRemoval {

    private final RequestService requests;
    private final VmInstances vms;
    private final Placement placement;
    private final VmProvisioning steps;
    private final ApplicationEventPublisher events;
    private final List<DecommissionTarget> targets;
    private final TransactionTemplate separately;
    private final Clock clock;

    /** Every state a VM can be decommissioned from. */
    private static final Set<VmState> REMOVABLE = EnumSet.complementOf(EnumSet.of(VmState.DECOMMISSIONING,
            VmState.DECOMMISSIONED));

    VmRemoval(RequestService requests, VmInstances vms, Placement placement, VmProvisioning steps,
            ApplicationEventPublisher events, List<DecommissionTarget> targets, PlatformTransactionManager transactions,
            Clock clock) {
        this.requests = requests;
        this.vms = vms;
        this.placement = placement;
        this.steps = steps;
        this.events = events;
        this.targets = List.copyOf(targets);
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Everything an earlier request made: its VMs, or what another capability's target removes (nodes, a namespace). */
    public void decommission(String targetRequestId, String byRequestId) {
        ResourceRequest target = requests.load(targetRequestId);
        if (!(target.spec() instanceof VmSpec)) {
            DecommissionTarget other = targets.stream().filter(candidate -> candidate.handles(target)).findFirst()
                    .orElseThrow(() -> new UnsupportedOperationException(
                            "decommissioning a " + target.type().id() + " request is not implemented yet"));
            other.decommission(target, byRequestId);
            return;
        }
        for (VmInstance vm : vms.ofRequest(targetRequestId)) {
            decommission(vm.requestId(), vm.vmIndex(), byRequestId);
        }
    }

    /**
     * One VM of a request (one worker node of a pool): DECOMMISSIONING, then off its host, then DECOMMISSIONED. The
     * first step commits on its own before anything leaves the host: it waits for an owner action under way (which
     * holds the row until its hypervisor call is done) and from then on refuses them, so no start lands after the
     * domain was destroyed, and no VM is recorded RUNNING with its capacity released. A repeated call (a retried job)
     * carries on from DECOMMISSIONING.
     */
    public void decommission(String requestId, int vmIndex, String byRequestId) {
        Optional<VmInstance> found = vms.find(requestId, vmIndex);
        if (found.isEmpty() || found.get().state() == VmState.DECOMMISSIONED) {
            return;
        }
        VmInstance vm = found.get();
        if (vm.state() != VmState.DECOMMISSIONING && !Boolean.TRUE.equals(separately.execute(status -> vms.changeState(
                requestId, vmIndex, REMOVABLE, VmState.DECOMMISSIONING, "being decommissioned by request " + byRequestId,
                clock.instant())))) {
            // changed since it was read (an owner action committed first, or another decommission): look again
            decommission(requestId, vmIndex, byRequestId);
            return;
        }
        leaveHost(vm);
        placement.release(requestId, vmIndex);
        if (vms.changeState(requestId, vmIndex, VmState.DECOMMISSIONING, VmState.DECOMMISSIONED,
                "decommissioned by request " + byRequestId, clock.instant())) {
            events.publishEvent(new ComputeEvents.VmDecommissioned(requestId, vmIndex, vm.tenantId(), byRequestId,
                    clock.instant()));
        }
    }

    /** A VM whose purpose failed after it was made (a worker that never joined): FAILED with the cause. */
    public void undo(String requestId, int vmIndex, String cause) {
        vms.find(requestId, vmIndex).ifPresent(this::leaveHost);
        steps.failed(requestId, vmIndex, cause);
    }

    private void leaveHost(VmInstance vm) {
        if (vm.host() != null) {
            steps.undefineDomain(vm.requestId(), vm.vmIndex());
            steps.deleteVolumes(vm.requestId(), vm.vmIndex());
            steps.releaseProjectNetwork(vm.requestId(), vm.vmIndex());
        }
    }
}
