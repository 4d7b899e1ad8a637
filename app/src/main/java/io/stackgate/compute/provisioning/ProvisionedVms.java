package io.stackgate.compute.provisioning;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.stackgate.compute.ComputeEvents.VmStepDone;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties.Image;
import io.stackgate.compute.DomainMetadata;
import io.stackgate.compute.ImageCatalogue;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmNaming;
import io.stackgate.compute.VmTemplate;
import io.stackgate.compute.VmTemplates;
import io.stackgate.compute.hosts.Fleet;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** What the provisioning steps share: the VM's record and host, its image and template, and the step events. */
@Component
class ProvisionedVms {

    private final RequestService requests;
    private final VmInstances vms;
    private final Fleet fleet;
    private final ImageCatalogue images;
    private final ApplicationEventPublisher events;
    private final List<VmTemplates> templates;
    private final Clock clock;

    ProvisionedVms(RequestService requests, VmInstances vms, Fleet fleet, ImageCatalogue images,
            ApplicationEventPublisher events,
            List<VmTemplates> templates, Clock clock) {
        this.requests = requests;
        this.vms = vms;
        this.fleet = fleet;
        this.images = images;
        this.events = events;
        this.templates = List.copyOf(templates);
        this.clock = clock;
    }

    void step(String requestId, int vmIndex, String tenant, String step, boolean compensated, String host) {
        events.publishEvent(new VmStepDone(requestId, vmIndex, tenant, step, compensated, host, clock.instant()));
    }

    Optional<VmInstance> vm(String requestId, int vmIndex) {
        return vms.find(requestId, vmIndex);
    }

    VmInstance placedVm(String requestId, int vmIndex) {
        VmInstance vm = vms.find(requestId, vmIndex)
                .orElseThrow(() -> new IllegalStateException("VM " + requestId + "#" + vmIndex + " is not recorded"));
        if (vm.host() == null) {
            throw new IllegalStateException("VM " + requestId + "#" + vmIndex + " has no host yet");
        }
        return vm;
    }

    Host host(VmInstance vm) {
        return fleet.host(vm.host()).orElseThrow(() -> new IllegalStateException("host " + vm.host() + " is not configured"));
    }

    Image image(VmInstance vm) {
        return images.find(vm.image(), vm.arch())
                .orElseThrow(() -> new IllegalStateException("image " + vm.image() + " left the catalogue"));
    }

    static VmNaming naming(VmInstance vm) {
        return new VmNaming(vm.tenantId(), vm.requestId(), vm.vmIndex());
    }

    static DomainMetadata metadata(VmInstance vm) {
        return new DomainMetadata(vm.tenantId(), vm.projectId(), vm.requestId(), vm.owner());
    }

    static String consoleLog(Host host, VmNaming naming) {
        return host.storage().consoleDir() + "/" + naming.domain() + ".console.log";
    }

    /** VM {@code vmIndex} of the request, as the {@link VmTemplates} that handles the request derives it. */
    VmTemplate template(ResourceRequest request, int vmIndex) {
        return templates(request).template(request, vmIndex);
    }

    String userData(ResourceRequest request, int vmIndex) {
        return templates(request).userData(request, vmIndex);
    }

    VmTemplates templates(ResourceRequest request) {
        return templates.stream().filter(candidate -> candidate.handles(request)).findFirst()
                .orElseThrow(() -> new IllegalStateException("request " + request.id() + " (" + request.type().id()
                        + ") describes no VMs"));
    }
}
