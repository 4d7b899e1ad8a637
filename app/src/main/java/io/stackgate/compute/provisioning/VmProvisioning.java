package io.stackgate.compute.provisioning;

import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.placement.PlacementResult;

import io.stackgate.compute.DomainMetadata;
import io.stackgate.compute.libvirt.DomainXml;
import io.stackgate.compute.hosts.Fleet;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.HypervisorFailure;
import io.stackgate.compute.ImageCatalogue;
import io.stackgate.compute.libvirt.LibvirtXml;
import io.stackgate.compute.placement.Placement;
import io.stackgate.compute.networks.ProjectNetworks;
import io.stackgate.compute.placement.VmDemand;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.compute.VmNaming;
import io.stackgate.compute.VmState;
import io.stackgate.compute.VmTemplate;
import io.stackgate.compute.VmTemplates;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.stackgate.compute.ComputeEvents.VmFailed;
import io.stackgate.compute.ComputeEvents.VmProvisioned;
import io.stackgate.compute.ComputeEvents.VmStepDone;
import io.stackgate.compute.ComputeEvents.VmWaitingForCapacity;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.ComputeProperties.Image;
import io.stackgate.compute.ComputeProperties.ImageKind;
import io.stackgate.compute.placement.PlacementResult.NoCapacity;
import io.stackgate.compute.placement.PlacementResult.Placed;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of provisioning one VM, each idempotent (what exists under the VM's derived name is adopted) and each
 * with its undo, which is idempotent too (what is already gone is fine). The flow and its retries live in
 * {@code provision-vm.bpmn}; this class holds what each step does.
 */
@Service
public class VmProvisioning {

    /** Where the placement step stands after an attempt. */
    public sealed interface PlacementOutcome {
        record Placed(String host) implements PlacementOutcome {
        }

        record Waiting(String reason, Duration retryIn) implements PlacementOutcome {
        }
    }

    private final RequestService requests;
    private final VmInstances vms;
    private final Placement placement;
    private final Fleet fleet;
    private final Hypervisor hypervisor;
    private final ImageCatalogue images;
    private final ProjectNetworks networks;
    private final ComputeProperties properties;
    private final ApplicationEventPublisher events;
    private final List<VmTemplates> templates;
    private final Clock clock;

    private static final java.util.Set<VmState> NOT_REMOVED = java.util.EnumSet.complementOf(
            java.util.EnumSet.of(VmState.DECOMMISSIONING, VmState.DECOMMISSIONED));

    VmProvisioning(RequestService requests, VmInstances vms, Placement placement, Fleet fleet, Hypervisor hypervisor,
            ImageCatalogue images, ProjectNetworks networks, ComputeProperties properties, ApplicationEventPublisher events,
            List<VmTemplates> templates, Clock clock) {
        this.requests = requests;
        this.vms = vms;
        this.placement = placement;
        this.fleet = fleet;
        this.hypervisor = hypervisor;
        this.images = images;
        this.networks = networks;
        this.properties = properties;
        this.events = events;
        this.templates = List.copyOf(templates);
        this.clock = clock;
    }

    /**
     * Records the VM (once) and reserves capacity for it on the best host. No host with room: the VM waits, with the
     * reason recorded for its owner and operators, and the next attempt comes after {@code attempt}-fold back-off.
     */
    @Transactional
    public PlacementOutcome reservePlacement(String requestId, int vmIndex, int attempt) {
        ResourceRequest request = requests.load(requestId);
        VmTemplate spec = template(request, vmIndex);
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
            step(requestId, vmIndex, request.tenantId(), "reserve placement", false, placed.host());
            return new PlacementOutcome.Placed(placed.host());
        }
        NoCapacity none = (NoCapacity) result;
        Duration wait = backOff(attempt);
        if (!vms.changeState(requestId, vmIndex, List.of(VmState.PENDING, VmState.WAITING), VmState.WAITING, none.reason(), now)) {
            throw new IllegalStateException("VM " + requestId + "#" + vmIndex + " is no longer being provisioned");
        }
        events.publishEvent(new VmWaitingForCapacity(requestId, vmIndex, request.tenantId(), none.reason(), now.plus(wait)));
        return new PlacementOutcome.Waiting(none.reason(), wait);
    }

    /** A repeated placement step of a VM that was placed there and provisioned since: nothing to change. */
    private boolean alreadyPast(String requestId, int vmIndex, Placed placed) {
        return vm(requestId, vmIndex).filter(vm -> placed.host().equals(vm.host()))
                .map(vm -> vm.state() == VmState.RUNNING || vm.state() == VmState.STOPPED || vm.state() == VmState.LOST)
                .orElse(false);
    }

    @Transactional
    public void releasePlacement(String requestId, int vmIndex) {
        placement.release(requestId, vmIndex);
        vm(requestId, vmIndex).ifPresent(vm -> step(requestId, vmIndex, vm.tenantId(), "reserve placement", true, vm.host()));
    }

    /** The root disk (a copy-on-write clone of a disk image, or empty beside a kernel image) and the cloud-init seed. */
    public void createVolumes(String requestId, int vmIndex) {
        VmInstance vm = placedVm(requestId, vmIndex);
        Host host = host(vm);
        VmNaming naming = naming(vm);
        String pool = host.storage().pool();
        hypervisor.ensurePool(host.name(), pool, host.storage().path());
        Image image = image(vm);
        String backing = null;
        if (image.kind() == ImageKind.disk) {
            backing = hypervisor.volumePath(host.name(), pool, image.volume()).orElseThrow(() -> new HypervisorFailure(
                    host.name(), "image volume " + image.volume() + " (" + image.name() + ") is not in pool " + pool, null));
        }
        hypervisor.ensureVolume(host.name(), pool, LibvirtXml.qcow2Volume(naming.rootVolume(), vm.diskGiB(), backing));
        ResourceRequest request = requests.load(requestId);
        byte[] seed = SeedIso.of(seedFiles(vm, template(request, vmIndex).sshKeys(), userData(request, vmIndex)));
        hypervisor.ensureVolume(host.name(), pool, LibvirtXml.rawVolume(naming.seedVolume(), seed.length));
        hypervisor.upload(host.name(), pool, naming.seedVolume(), seed);
        step(requestId, vmIndex, vm.tenantId(), "create volumes", false, host.name());
    }

    public void deleteVolumes(String requestId, int vmIndex) {
        Optional<VmInstance> found = vm(requestId, vmIndex).filter(vm -> vm.host() != null);
        if (found.isEmpty()) {
            return;
        }
        VmInstance vm = found.get();
        Host host = host(vm);
        hypervisor.deleteVolume(host.name(), host.storage().pool(), naming(vm).seedVolume());
        hypervisor.deleteVolume(host.name(), host.storage().pool(), naming(vm).rootVolume());
        step(requestId, vmIndex, vm.tenantId(), "create volumes", true, host.name());
    }

    /** The project's isolated network on the VM's host. */
    public void ensureProjectNetwork(String requestId, int vmIndex) {
        VmInstance vm = placedVm(requestId, vmIndex);
        ProjectNetworks.ProjectNetwork network = networks.of(vm.tenantId(), vm.projectId());
        hypervisor.ensureNetwork(vm.host(), network.xml());
        vms.network(requestId, vmIndex, network.name(), naming(vm).mac(), clock.instant());
        step(requestId, vmIndex, vm.tenantId(), "ensure project network", false, vm.host());
    }

    /** Removes the project's network from the host unless another VM of the project there still uses it. */
    public void releaseProjectNetwork(String requestId, int vmIndex) {
        Optional<VmInstance> found = vm(requestId, vmIndex).filter(vm -> vm.host() != null && vm.network() != null);
        if (found.isEmpty()) {
            return;
        }
        VmInstance vm = found.get();
        if (vms.othersOfProjectOn(vm.host(), vm.tenantId(), vm.projectId(), requestId, vmIndex) == 0) {
            hypervisor.deleteNetwork(vm.host(), vm.network());
        }
        step(requestId, vmIndex, vm.tenantId(), "ensure project network", true, vm.host());
    }

    public void defineDomain(String requestId, int vmIndex) {
        VmInstance vm = placedVm(requestId, vmIndex);
        Host host = host(vm);
        VmNaming naming = naming(vm);
        String pool = host.storage().pool();
        String root = hypervisor.volumePath(host.name(), pool, naming.rootVolume())
                .orElseThrow(() -> new HypervisorFailure(host.name(), "root volume " + naming.rootVolume() + " is missing", null));
        String seed = hypervisor.volumePath(host.name(), pool, naming.seedVolume())
                .orElseThrow(() -> new HypervisorFailure(host.name(), "seed volume " + naming.seedVolume() + " is missing", null));
        String network = networks.of(vm.tenantId(), vm.projectId()).name();
        String xml = DomainXml.of(new DomainXml.Vm(naming, metadata(vm), vm.arch(), host.domainType(), vm.vcpus(),
                vm.memoryMiB(), image(vm), root, seed, network, consoleLog(host, naming), vm.gpus()));
        hypervisor.define(host.name(), xml);
        step(requestId, vmIndex, vm.tenantId(), "define domain", false, host.name());
    }

    /** Powers the domain off and removes its definition and NVRAM. */
    public void undefineDomain(String requestId, int vmIndex) {
        Optional<VmInstance> found = vm(requestId, vmIndex).filter(vm -> vm.host() != null);
        if (found.isEmpty()) {
            return;
        }
        VmInstance vm = found.get();
        hypervisor.destroy(vm.host(), vm.domainName());
        hypervisor.undefine(vm.host(), vm.domainName());
        step(requestId, vmIndex, vm.tenantId(), "define domain", true, vm.host());
    }

    public void startDomain(String requestId, int vmIndex) {
        VmInstance vm = placedVm(requestId, vmIndex);
        hypervisor.start(vm.host(), vm.domainName());
        step(requestId, vmIndex, vm.tenantId(), "start domain", false, vm.host());
    }

    /** Fails (to be retried) until the hypervisor reports the domain running. */
    public void awaitRunning(String requestId, int vmIndex) {
        VmInstance vm = placedVm(requestId, vmIndex);
        boolean running = hypervisor.lookup(vm.host(), vm.domainName()).map(Hypervisor.DomainState::running).orElse(false);
        if (!running) {
            throw new HypervisorFailure(vm.host(), "domain " + vm.domainName() + " is not running yet", null);
        }
        step(requestId, vmIndex, vm.tenantId(), "await running", false, vm.host());
    }

    /** The VM is running: recorded with its lease (if the request set one) and its address, if already known. */
    @Transactional
    public void recordResource(String requestId, int vmIndex) {
        VmInstance vm = placedVm(requestId, vmIndex);
        hypervisor.lookup(vm.host(), vm.domainName()).orElseThrow(
                () -> new HypervisorFailure(vm.host(), "domain " + vm.domainName() + " vanished before it was recorded", null));
        Instant now = clock.instant();
        Integer leaseDays = template(requests.load(requestId), vmIndex).leaseDays();
        if (!vms.running(requestId, vmIndex, leaseDays == null ? null : now.plus(Duration.ofDays(leaseDays)), now)) {
            throw new IllegalStateException("VM " + requestId + "#" + vmIndex + " is no longer being provisioned");
        }
        hypervisor.ipv4Address(vm.host(), vm.domainName()).ifPresent(ip -> vms.ipAddress(requestId, vmIndex, ip, now));
        step(requestId, vmIndex, vm.tenantId(), "record resource", false, vm.host());
        events.publishEvent(new VmProvisioned(requestId, vmIndex, vm.tenantId(), vm.projectId(), vm.host(),
                vm.domainName(), now));
    }

    /** Provisioning gave up (after its compensation): the VM is FAILED with the cause and holds no capacity. */
    @Transactional
    public void failed(String requestId, int vmIndex, String cause) {
        placement.release(requestId, vmIndex);
        Optional<VmInstance> vm = vm(requestId, vmIndex);
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

    static Map<String, byte[]> seedFiles(VmInstance vm, List<String> sshKeys, String givenUserData) {
        StringBuilder metaData = new StringBuilder()
                .append("instance-id: ").append(vm.domainUuid()).append('\n')
                .append("local-hostname: ").append(vm.hostname()).append('\n');
        if (!sshKeys.isEmpty()) {
            metaData.append("public-keys:\n");
            sshKeys.forEach(key -> metaData.append("  - \"").append(key.replace("\"", "")).append("\"\n"));
        }
        // the requester's user-data goes to the guest exactly as given; without one, a minimal cloud-config
        String userData = givenUserData != null && !givenUserData.isEmpty() ? givenUserData
                : "#cloud-config\nhostname: " + vm.hostname() + "\n";
        return Map.of("meta-data", metaData.toString().getBytes(StandardCharsets.UTF_8),
                "user-data", userData.getBytes(StandardCharsets.UTF_8));
    }

    private void step(String requestId, int vmIndex, String tenant, String step, boolean compensated, String host) {
        events.publishEvent(new VmStepDone(requestId, vmIndex, tenant, step, compensated, host, clock.instant()));
    }

    private Optional<VmInstance> vm(String requestId, int vmIndex) {
        return vms.find(requestId, vmIndex);
    }

    private VmInstance placedVm(String requestId, int vmIndex) {
        VmInstance vm = vms.find(requestId, vmIndex)
                .orElseThrow(() -> new IllegalStateException("VM " + requestId + "#" + vmIndex + " is not recorded"));
        if (vm.host() == null) {
            throw new IllegalStateException("VM " + requestId + "#" + vmIndex + " has no host yet");
        }
        return vm;
    }

    private Host host(VmInstance vm) {
        return fleet.host(vm.host()).orElseThrow(() -> new IllegalStateException("host " + vm.host() + " is not configured"));
    }

    private Image image(VmInstance vm) {
        return images.find(vm.image(), vm.arch())
                .orElseThrow(() -> new IllegalStateException("image " + vm.image() + " left the catalogue"));
    }

    private static VmNaming naming(VmInstance vm) {
        return new VmNaming(vm.tenantId(), vm.requestId(), vm.vmIndex());
    }

    private static DomainMetadata metadata(VmInstance vm) {
        return new DomainMetadata(vm.tenantId(), vm.projectId(), vm.requestId(), vm.owner());
    }

    private static String consoleLog(Host host, VmNaming naming) {
        return host.storage().consoleDir() + "/" + naming.domain() + ".console.log";
    }

    /** VM {@code vmIndex} of the request, as the {@link VmTemplates} that handles the request derives it. */
    public VmTemplate template(ResourceRequest request, int vmIndex) {
        return templates(request).template(request, vmIndex);
    }

    private String userData(ResourceRequest request, int vmIndex) {
        return templates(request).userData(request, vmIndex);
    }

    private VmTemplates templates(ResourceRequest request) {
        return templates.stream().filter(candidate -> candidate.handles(request)).findFirst()
                .orElseThrow(() -> new IllegalStateException("request " + request.id() + " (" + request.type().id()
                        + ") describes no VMs"));
    }
}
