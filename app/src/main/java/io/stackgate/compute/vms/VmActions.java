package io.stackgate.compute.vms;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.stackgate.compute.ComputeEvents;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.HypervisorFailure;
import io.stackgate.compute.ResourceScope;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmState;
import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.tenancy.ProjectRole;
import io.stackgate.tenancy.Tenants;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The VMs a caller may see, and the power actions their owners take directly (stop, start, reboot): they change no
 * size and no quota, so they need no approval. Resize and decommission are requests and go through approval.
 */
@Service
public class VmActions {

    /** Direct power actions. {@code stop} asks the guest (ACPI); {@code power-off} pulls the plug. */
    enum Action {
        START("start", "started"), STOP("stop", "stopped"), POWER_OFF("power-off", "powered off"),
        REBOOT("reboot", "rebooted");

        final String id;
        final String done;

        Action(String id, String done) {
            this.id = id;
            this.done = done;
        }

        static Action of(String id) {
            for (Action action : values()) {
                if (action.id.equals(id)) {
                    return action;
                }
            }
            throw new InvalidInput("action", "must be one of start, stop, power-off, reboot");
        }
    }

    private final VmInstances vms;
    private final Hypervisor hypervisor;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private static final List<VmState> LIVE = List.of(VmState.RUNNING, VmState.STOPPED);

    VmActions(VmInstances vms, Hypervisor hypervisor, Tenants tenants, ApplicationEventPublisher events, Clock clock) {
        this.vms = vms;
        this.hypervisor = hypervisor;
        this.tenants = tenants;
        this.events = events;
        this.clock = clock;
    }

    /** How many VMs the scope (the caller's tenants, narrowed) holds. */
    public long count(ResourceScope scope) {
        return vms.count(scope);
    }

    /** One page of the VMs in the scope, newest first. */
    public List<VmInstance> list(ResourceScope scope, long offset, int limit) {
        return vms.search(scope, offset, limit);
    }

    public VmInstance get(Caller caller, String domainName) {
        return vms.byDomain(domainName).filter(vm -> caller.canSee(vm.tenantId()))
                .orElseThrow(() -> new VmNotFound(domainName));
    }

    /**
     * The action, if the VM is in a state that allows it. The record changes first, conditionally (a decommission or
     * lease expiry that got there first makes it answer 409), and holds the row until the hypervisor has acted and
     * the transaction commits: whoever changes the VM next (a decommission) waits for that, so it never undoes a
     * decommission nor leaves a domain running for a VM recorded as gone. A hypervisor failure rolls the record back.
     */
    @Transactional
    public VmInstance act(Caller caller, String domainName, String actionId) {
        VmInstance vm = get(caller, domainName);
        Action action = Action.of(actionId);
        if (!mayOperate(caller, vm)) {
            throw new NotYourVm(action.id);
        }
        Instant now = clock.instant();
        boolean moved;
        try {
            moved = move(vm, action, caller, now);
        } catch (PessimisticLockingFailureException busy) {
            throw new VmBeingChanged(vm.domainName());
        }
        if (!moved) {
            throw refused(vm, action);
        }
        try {
            switch (action) {
                case START -> hypervisor.start(vm.host(), vm.domainName());
                case STOP -> hypervisor.shutdown(vm.host(), vm.domainName());
                case POWER_OFF -> hypervisor.destroy(vm.host(), vm.domainName());
                case REBOOT -> hypervisor.reboot(vm.host(), vm.domainName());
            }
        } catch (HypervisorFailure failure) {
            if (!hypervisor.isUp(vm.host())) { // unreachable: the host is unavailable, not the server broken
                throw new HostUnavailable(vm.host(), failure.reason());
            }
            throw failure;
        }
        events.publishEvent(new ComputeEvents.VmActionTaken(vm.requestId(), vm.vmIndex(), vm.tenantId(), action.id,
                caller.username(), now));
        return vms.find(vm.requestId(), vm.vmIndex()).orElseThrow();
    }

    /** The record's conditional change for the action: false when the VM is not in a state that allows it. */
    private boolean move(VmInstance vm, Action action, Caller caller, Instant now) {
        return switch (action) {
            case START -> {
                refuseIfLeaseEnded(vm);
                yield vms.startable(vm.requestId(), vm.vmIndex(), now);
            }
            case STOP -> vms.changeState(vm.requestId(), vm.vmIndex(), LIVE, VmState.STOPPED,
                    "stopped by " + caller.username(), now);
            case POWER_OFF -> vms.changeState(vm.requestId(), vm.vmIndex(), LIVE, VmState.STOPPED,
                    "powered off by " + caller.username(), now);
            case REBOOT -> vms.hold(vm.requestId(), vm.vmIndex(), List.of(VmState.RUNNING), now);
        };
    }

    /** An expired lease keeps the VM off until a renewal is approved: no direct start brings it back. */
    private void refuseIfLeaseEnded(VmInstance vm) {
        if (vms.leaseEnded(vm.requestId(), vm.vmIndex())) {
            throw leaseEnded(vm);
        }
    }

    private RuntimeException refused(VmInstance vm, Action action) {
        VmInstance now = vms.find(vm.requestId(), vm.vmIndex()).orElse(vm);
        if (action == Action.START && (now.state() == VmState.RUNNING || now.state() == VmState.STOPPED)
                && vms.leaseEnded(vm.requestId(), vm.vmIndex())) {
            return leaseEnded(now);
        }
        String allowed = action == Action.REBOOT ? "only a RUNNING VM can be " : "only a RUNNING or STOPPED VM can be ";
        return new VmNotInState(vm.domainName(), now.state(), allowed + action.done);
    }

    private static LeaseEnded leaseEnded(VmInstance vm) {
        return new LeaseEnded(vm.domainName(), vm.leaseExpiresAt(), vm.requestId());
    }

    private boolean mayOperate(Caller caller, VmInstance vm) {
        if (caller.isAuditor()) {
            return false;
        }
        if (caller.id().equals(vm.ownerId()) || caller.administers(vm.tenantId())) {
            return true;
        }
        return tenants.find(vm.tenantId()).flatMap(tenant -> tenant.project(vm.projectId()))
                .flatMap(project -> project.roleOf(caller.groups()))
                .map(role -> role == ProjectRole.OWNER).orElse(false);
    }
}
