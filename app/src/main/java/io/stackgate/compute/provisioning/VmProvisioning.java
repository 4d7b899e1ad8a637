package io.stackgate.compute.provisioning;

import java.time.Duration;

import io.stackgate.compute.VmTemplate;
import io.stackgate.compute.VmTemplates;
import io.stackgate.compute.placement.PlacementResult.Placed;
import io.stackgate.requests.ResourceRequest;
import org.springframework.stereotype.Service;

/**
 * The steps of provisioning one VM, each idempotent (what exists under the VM's derived name is adopted) and each
 * with its undo, which is idempotent too (what is already gone is fine). The flow and its retries live in
 * {@code provision-vm.bpmn}; what each step does lives by what it makes: {@link VmPlacements}, {@link VmVolumes},
 * {@link VmNetworks}, {@link VmDomains}. This is their one entry for the step delegates and for removal.
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

    private final VmPlacements placements;
    private final VmVolumes volumes;
    private final VmNetworks networks;
    private final VmDomains domains;
    private final ProvisionedVms records;

    VmProvisioning(VmPlacements placements, VmVolumes volumes, VmNetworks networks, VmDomains domains,
            ProvisionedVms records) {
        this.placements = placements;
        this.volumes = volumes;
        this.networks = networks;
        this.domains = domains;
        this.records = records;
    }

    /**
     * Records the VM (once) and reserves capacity for it on the best host. No host with room: the VM waits, with the
     * reason recorded for its owner and operators, and the next attempt comes after {@code attempt}-fold back-off.
     */
    public PlacementOutcome reservePlacement(String requestId, int vmIndex, int attempt) {
        return placements.reservePlacement(requestId, vmIndex, attempt);
    }

    public void releasePlacement(String requestId, int vmIndex) {
        placements.releasePlacement(requestId, vmIndex);
    }

    /** The root disk (a copy-on-write clone of a disk image, or empty beside a kernel image) and the cloud-init seed. */
    public void createVolumes(String requestId, int vmIndex) {
        volumes.createVolumes(requestId, vmIndex);
    }

    public void deleteVolumes(String requestId, int vmIndex) {
        volumes.deleteVolumes(requestId, vmIndex);
    }

    /** The project's isolated network on the VM's host. */
    public void ensureProjectNetwork(String requestId, int vmIndex) {
        networks.ensureProjectNetwork(requestId, vmIndex);
    }

    /** Removes the project's network from the host unless another VM of the project there still uses it. */
    public void releaseProjectNetwork(String requestId, int vmIndex) {
        networks.releaseProjectNetwork(requestId, vmIndex);
    }

    public void defineDomain(String requestId, int vmIndex) {
        domains.defineDomain(requestId, vmIndex);
    }

    /** Powers the domain off and removes its definition and NVRAM. */
    public void undefineDomain(String requestId, int vmIndex) {
        domains.undefineDomain(requestId, vmIndex);
    }

    public void startDomain(String requestId, int vmIndex) {
        domains.startDomain(requestId, vmIndex);
    }

    /** Fails (to be retried) until the hypervisor reports the domain running. */
    public void awaitRunning(String requestId, int vmIndex) {
        domains.awaitRunning(requestId, vmIndex);
    }

    /** The VM is running: recorded with its lease (if the request set one) and its address, if already known. */
    public void recordResource(String requestId, int vmIndex) {
        domains.recordResource(requestId, vmIndex);
    }

    /** Provisioning gave up (after its compensation): the VM is FAILED with the cause and holds no capacity. */
    public void failed(String requestId, int vmIndex, String cause) {
        placements.failed(requestId, vmIndex, cause);
    }

    /** VM {@code vmIndex} of the request, as the {@link VmTemplates} that handles the request derives it. */
    public VmTemplate template(ResourceRequest request, int vmIndex) {
        return records.templates(request).template(request, vmIndex);
    }
}
