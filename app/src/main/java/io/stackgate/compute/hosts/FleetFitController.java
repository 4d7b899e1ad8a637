package io.stackgate.compute.hosts;

import java.util.List;

import io.stackgate.compute.Arch;
import io.stackgate.compute.MayNotSeeFleet;
import io.stackgate.compute.placement.FleetFit;
import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which hosts have room for a VM of a given size now: approvers see it on the decision screen, operators when they
 * plan. Hosts only (name, arch, free room): nothing of any tenant's VMs.
 */
@Tag(name = "Operations")
@RestController
class FleetFitController {

    private final FleetFit fleetFit;
    private final CallerResolver callers;

    FleetFitController(FleetFit fleetFit, CallerResolver callers) {
        this.fleetFit = fleetFit;
        this.callers = callers;
    }

    @Operation(operationId = "fitOnHosts", summary = "The hosts of an architecture with their free vCPUs, memory, disk "
            + "and GPUs, and whether a VM of this size fits on each now (approvers, tenant admins, platform operators)")
    @GetMapping("/api/hosts/fit")
    List<FleetFit.HostFit> fit(@RequestParam Arch arch, @RequestParam int vcpus, @RequestParam long memoryMiB,
            @RequestParam(defaultValue = "0") long diskGiB, @RequestParam(defaultValue = "0") int gpus) {
        Caller caller = callers.current();
        boolean approver = !caller.isAuditor() && !caller.tenants().isEmpty()
                && (caller.hasRole(Caller.APPROVER) || caller.hasRole(Caller.TENANT_ADMIN));
        if (!caller.isPlatformWide() && !approver) {
            throw new MayNotSeeFleet();
        }
        if (vcpus < 1) {
            throw new InvalidInput("vcpus", "must be 1 or more");
        }
        if (memoryMiB < 1) {
            throw new InvalidInput("memoryMiB", "must be 1 or more");
        }
        if (diskGiB < 0 || gpus < 0) {
            throw new InvalidInput(diskGiB < 0 ? "diskGiB" : "gpus", "must be 0 or more");
        }
        return fleetFit.fit(arch, vcpus, memoryMiB, diskGiB, gpus);
    }
}
