package io.stackgate.compute.vms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.stackgate.compute.Arch;
import io.stackgate.compute.ResourceScope;
import io.stackgate.compute.ResourceSource;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmState;
import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
    private final ResourceSource vmSource;

    ResourceController(VmActions vms, CallerResolver callers, List<ResourceSource> sources) {
        this.vms = vms;
        this.callers = callers;
        this.sources = List.copyOf(sources);
        this.vmSource = new ResourceSource() {
            @Override
            public String kind() {
                return "vm";
            }

            @Override
            public long count(ResourceScope scope) {
                return vms.count(scope);
            }

            @Override
            public List<?> list(ResourceScope scope, long offset, int limit) {
                return vms.list(scope, offset, limit).stream().map(ResourceView::of).toList();
            }
        };
    }

    @Operation(operationId = "listResources", summary = "Resources of the caller's tenants, one page: kind=vm (state e.g. RUNNING, WAITING, FAILED), "
            + "kind=namespace (with the RoleBindings in force), kind=k8s-node (with the Node's state), or all kinds "
            + "(VMs first, then namespaces, then nodes; each newest first); request=<id>: only what that request made")
    @GetMapping
    Page<Object> list(@RequestParam(required = false) String tenant, @RequestParam(required = false) String project,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String state,
            @Parameter(description = "a request id: only the resources that request made")
            @RequestParam(required = false) String request,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest pageRequest = PageRequest.of(page, size);
        Caller caller = callers.current();
        List<String> kinds = new ArrayList<>(List.of("vm"));
        sources.forEach(source -> kinds.add(source.kind()));
        if (kind != null && !kinds.contains(kind)) {
            throw new InvalidInput("kind", "must be one of " + kinds);
        }
        if ("vm".equals(kind)) {
            state(state);
        }
        if (tenant != null && !caller.canSee(tenant)) {
            return Page.of(List.of(), pageRequest, 0);
        }
        ResourceScope scope = new ResourceScope(caller.tenants(), tenant, project, state,
                request == null || request.isBlank() ? null : request.trim());
        List<ResourceSource> selected = new ArrayList<>();
        // all kinds: a state only some kinds have selects from those
        if ("vm".equals(kind) || kind == null && (state == null || isVmState(state))) {
            selected.add(vmSource);
        }
        sources.stream().filter(source -> kind == null || kind.equals(source.kind())).forEach(selected::add);
        return concatenated(selected, scope, pageRequest);
    }

    /** The page of the sources' listings one after the other: each source counted once, and asked only for its part. */
    static Page<Object> concatenated(List<ResourceSource> sources, ResourceScope scope, PageRequest request) {
        List<Object> items = new ArrayList<>();
        long skip = request.offset();
        long total = 0;
        for (ResourceSource source : sources) {
            long count = source.count(scope);
            total += count;
            int wanted = request.size() - items.size();
            if (wanted > 0 && skip < count) {
                items.addAll(source.list(scope, skip, (int) Math.min(wanted, count - skip)));
                skip = 0;
            } else {
                skip = Math.max(0, skip - count);
            }
        }
        return Page.of(items, request, total);
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
