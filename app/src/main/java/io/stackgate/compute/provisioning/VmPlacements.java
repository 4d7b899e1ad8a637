package io.stackgate.compute.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.stackgate.compute.ComputeEvents.VmFailed;
import io.stackgate.compute.ComputeEvents.VmWaitingForCapacity;
import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmNaming;
import io.stackgate.compute.VmState;
import io.stackgate.compute.VmTemplate;
import io.stackgate.compute.placement.Placement;
import io.stackgate.compute.placement.PlacementResult.NoCapacity;
import io.stackgate.compute.placement.PlacementResult.Placed;
import io.stackgate.compute.placement.PlacementResult;
import io.stackgate.compute.placement.VmDemand;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Placement steps: record the VM and reserve capacity for it, or let it wait with back-off; release; give up. */
@Component
class VmPlacements {

    private static final java.util.Set<VmState> NOT_REMOVED = java.util.EnumSet.complementOf(
            java.util.EnumSet.of(VmState.DECOMMISSIONING, VmState.DECOMMISSIONED));

    private final RequestService requests;
    private final VmInstances vms;
    private final Placement placement;
    private final ProvisionedVms records;
    private final ComputeProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VmPlacements(RequestService requests, VmInstances vms, Placement placement, ProvisionedVms records,
            ComputeProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.requests = requests;
        this.vms = vms;
        this.placement = placement;
        this.records = records;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records the VM (once) and reserves capacity for it on the best host. No host with room: the VM waits, with the
     * reason recorded for its owner and operators, and the next attempt comes after {@code attempt}-fold back-off.
     */
    @Transactional
    VmProvisioning.PlacementOutcome reservePlacement(String requestId, int vmIndex, int attempt) {
        ResourceRequest request = requests.load(requestId);
        VmTemplate spec = records.template(request, vmIndex);
        VmNaming naming = new VmNaming(request.tenantId(), requestId, vmIndex);
        Instant now = clock.instant();
        vms.insertIfAbsent(new VmInstance(requestId, vmIndex, request.tenantId(), request.projectId(), request.requester(), request.requesterId(),
                naming.domain(), naming.uuid().toString(), spec.hostname(), spec.arch(), spec.image(), spec.vcpus(),
                spec.memoryMiB(), spec.diskGiB(), spec.gpus(), null, List.of(), null, null, null, VmState.PENDING, null,
                null, now, now));
        PlacementResult result = placement.reserve(new VmDemand(requestId, vmIndex, spec.arch(), spec.vcpus(),
                spec.memoryMiB(), spec.diskGiB(), spec.gpus()));
        if (result instanceof Placed placed) {
            if (!vms.placed(requestId, vmIndex, placed.host(), placed.gpus(), now) && !alreadyPast(requestId, vmIndex, placed)) {
                placement.release(requestId, vmIndex);
                throw new IllegalStateException("VM " + requestId + "#" + vmIndex + " is no longer being provisioned");
            }
            records.step(requestId, vmIndex, request.tenantId(), "reserve placement", false, placed.host());
            return new VmProvisioning.PlacementOutcome.Placed(placed.host());
        }
        NoCapacity none = (NoCapacity) result;
        Duration wait = backOff(attempt);
        if (!vms.changeState(requestId, vmIndex, List.of(VmState.PENDING, VmState.WAITING), VmState.WAITING, none.reason(), now)) {
            throw new IllegalStateException("VM " + requestId + "#" + vmIndex + " is no longer being provisioned");
        }
        events.publishEvent(new VmWaitingForCapacity(requestId, vmIndex, request.tenantId(), none.reason(), now.plus(wait)));
        return new VmProvisioning.PlacementOutcome.Waiting(none.reason(), wait);
    }

    /** A repeated placement step of a VM that was placed there and provisioned since: nothing to change. */
    private boolean alreadyPast(String requestId, int vmIndex, Placed placed) {
        return records.vm(requestId, vmIndex).filter(vm -> placed.host().equals(vm.host()))
                .map(vm -> vm.state() == VmState.RUNNING || vm.state() == VmState.STOPPED || vm.state() == VmState.LOST)
                .orElse(false);
    }

    @Transactional
    void releasePlacement(String requestId, int vmIndex) {
        placement.release(requestId, vmIndex);
        records.vm(requestId, vmIndex).ifPresent(vm -> records.step(requestId, vmIndex, vm.tenantId(), "reserve placement", true, vm.host()));
    }

    /** Provisioning gave up (after its compensation): the VM is FAILED with the cause and holds no capacity. */
    @Transactional
    void failed(String requestId, int vmIndex, String cause) {
        placement.release(requestId, vmIndex);
        Optional<VmInstance> vm = records.vm(requestId, vmIndex);
        // a VM being decommissioned or gone stays so
        if (vm.isPresent() && vms.changeState(requestId, vmIndex, NOT_REMOVED, VmState.FAILED, cause, clock.instant())) {
            events.publishEvent(new VmFailed(requestId, vmIndex, vm.get().tenantId(), cause, clock.instant()));
        }
    }

    Duration backOff(int attempt) {
        Duration first = properties.provisioning().placementRetryFirst();
        Duration max = properties.provisioning().placementRetryMax();
        Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
