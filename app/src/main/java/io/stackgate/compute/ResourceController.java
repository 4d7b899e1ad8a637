package io.stackgate.compute;

import java.time.Instant;
import java.util.List;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.web.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What runs where: the VMs of the caller's tenants, and their owners' power actions. */
@Tag(name = "Resources", description = "Provisioned VMs and their owner actions")
@RestController
@RequestMapping("/api/resources")
class ResourceController {

    record Size(int vcpus, long memoryMiB, long diskGiB, int gpus) {
    }

    /** @param id the libvirt domain name, unique across the platform */
    record ResourceView(String id, String kind, String tenant, String project, String owner, String requestId,
            int vmIndex, String hostname, String state, String stateReason, String host, Arch arch, String image,
            Size size, List<String> gpuDevices, String network, String macAddress, String ipAddress,
            Instant leaseExpiresAt, Instant createdAt, Instant updatedAt) {

        static ResourceView of(VmInstance vm) {
            return new ResourceView(vm.domainName(), "vm", vm.tenantId(), vm.projectId(), vm.owner(), vm.requestId(),
                    vm.vmIndex(), vm.hostname(), vm.state().name(), vm.stateReason(), vm.host(), vm.arch(), vm.image(),
                    new Size(vm.vcpus(), vm.memoryMiB(), vm.diskGiB(), vm.gpuCount()), vm.gpus(), vm.network(),
                    vm.macAddress(), vm.ipAddress(), vm.leaseExpiresAt(), vm.createdAt(), vm.updatedAt());
        }
    }

    private final VmActions vms;
    private final CallerResolver callers;
    private final List<ResourceSource> sources;

    ResourceController(VmActions vms, CallerResolver callers, List<ResourceSource> sources) {
        this.vms = vms;
        this.callers = callers;
        this.sources = List.copyOf(sources);
    }

    @Operation(operationId = "listResources", summary = "Resources of the caller's tenants: kind=vm (state e.g. RUNNING, WAITING, FAILED), "
            + "kind=namespace (with the RoleBindings in force), kind=k8s-node (with the Node's state), or all kinds")
    @GetMapping
    List<?> list(@RequestParam(required = false) String tenant, @RequestParam(required = false) String project,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String state) {
        Caller caller = callers.current();
        List<String> kinds = new java.util.ArrayList<>(List.of("vm"));
        sources.forEach(source -> kinds.add(source.kind()));
        if (kind != null && !kinds.contains(kind)) {
            throw new InvalidInput("kind", "must be one of " + kinds);
        }
        List<Object> resources = new java.util.ArrayList<>();
        if ("vm".equals(kind)) {
            vms.list(caller, tenant, project, state(state)).stream().map(ResourceView::of).forEach(resources::add);
        } else if (kind == null && (state == null || isVmState(state))) {
            // all kinds: a state only some kinds have selects from those
            vms.list(caller, tenant, project, state == null ? null : VmState.valueOf(state)).stream()
                    .map(ResourceView::of).forEach(resources::add);
        }
        for (ResourceSource source : sources) {
            if (kind == null || kind.equals(source.kind())) {
                resources.addAll(source.list(caller, tenant, project, state));
            }
        }
        return resources;
    }

    private static boolean isVmState(String state) {
        return java.util.Arrays.stream(VmState.values()).anyMatch(value -> value.name().equals(state));
    }

    @Operation(operationId = "getResource", summary = "One resource by id (the domain name)")
    @GetMapping("/{id}")
    ResourceView get(@PathVariable String id) {
        return ResourceView.of(vms.get(callers.current(), id));
    }

    @Operation(operationId = "actOnResource", summary = "Owner action on a VM: start, stop (ACPI), power-off, reboot")
    @PostMapping("/{id}/actions/{action}")
    ResourceView act(@PathVariable String id, @PathVariable String action) {
        return ResourceView.of(vms.act(callers.current(), id, action));
    }

    private static VmState state(String state) {
        if (state == null) {
            return null;
        }
        try {
            return VmState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("state", "must be one of " + java.util.Arrays.toString(VmState.values()));
        }
    }
}
