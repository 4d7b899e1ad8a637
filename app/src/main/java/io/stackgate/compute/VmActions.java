package io.stackgate.compute;

import java.time.Clock;
import java.util.List;

import io.stackgate.identity.Caller;
import io.stackgate.tenancy.ProjectRole;
import io.stackgate.tenancy.Tenants;
import io.stackgate.web.Conflict;
import io.stackgate.web.Forbidden;
import io.stackgate.web.InvalidInput;
import io.stackgate.web.NotFound;
import org.springframework.context.ApplicationEventPublisher;
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
        START("start"), STOP("stop"), POWER_OFF("power-off"), REBOOT("reboot");

        final String id;

        Action(String id) {
            this.id = id;
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

    /** A direct action an owner took on a VM. */
    public record VmActionTaken(String requestId, int vmIndex, String tenantId, String action, String by,
            java.time.Instant at) {
    }

    private final VmInstances vms;
    private final Hypervisor hypervisor;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    VmActions(VmInstances vms, Hypervisor hypervisor, Tenants tenants, ApplicationEventPublisher events) {
        this.vms = vms;
        this.hypervisor = hypervisor;
        this.tenants = tenants;
        this.events = events;
    }

    /** VMs of the caller's tenants, optionally narrowed; another tenant asked for gives nothing. */
    public List<VmInstance> list(Caller caller, String tenant, String project, VmState state) {
        if (tenant != null && !caller.canSee(tenant)) {
            return List.of();
        }
        return vms.search(caller.tenants(), tenant, project, state, 1000);
    }

    public VmInstance get(Caller caller, String domainName) {
        return vms.byDomain(domainName).filter(vm -> caller.canSee(vm.tenantId()))
                .orElseThrow(() -> new NotFound("resource", domainName));
    }

    @Transactional
    public VmInstance act(Caller caller, String domainName, String actionId) {
        VmInstance vm = get(caller, domainName);
        Action action = Action.of(actionId);
        if (!mayOperate(caller, vm)) {
            throw new Forbidden("only the VM's owner, a project owner or a tenant admin may " + action.id + " it");
        }
        if (vm.state() != VmState.RUNNING && vm.state() != VmState.STOPPED) {
            throw new Conflict("a VM in state " + vm.state() + " cannot be " + action.id + "ed");
        }
        switch (action) {
            case START -> {
                hypervisor.start(vm.host(), vm.domainName());
                vms.state(vm.requestId(), vm.vmIndex(), VmState.RUNNING, null, clock.instant());
            }
            case STOP -> {
                hypervisor.shutdown(vm.host(), vm.domainName());
                vms.state(vm.requestId(), vm.vmIndex(), VmState.STOPPED, "stopped by " + caller.username(), clock.instant());
            }
            case POWER_OFF -> {
                hypervisor.destroy(vm.host(), vm.domainName());
                vms.state(vm.requestId(), vm.vmIndex(), VmState.STOPPED, "powered off by " + caller.username(), clock.instant());
            }
            case REBOOT -> {
                if (vm.state() != VmState.RUNNING) {
                    throw new Conflict("only a running VM can be rebooted");
                }
                hypervisor.reboot(vm.host(), vm.domainName());
            }
        }
        events.publishEvent(new VmActionTaken(vm.requestId(), vm.vmIndex(), vm.tenantId(), action.id,
                caller.username(), clock.instant()));
        return vms.find(vm.requestId(), vm.vmIndex()).orElseThrow();
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
