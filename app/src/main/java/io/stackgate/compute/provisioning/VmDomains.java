package io.stackgate.compute.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.stackgate.compute.ComputeEvents.VmProvisioned;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.HypervisorFailure;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmNaming;
import io.stackgate.compute.libvirt.DomainXml;
import io.stackgate.compute.networks.ProjectNetworks;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.requests.RequestService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Domain steps: define, start, wait until running and record the VM; power off and undefine. */
@Component
class VmDomains {

    private final RequestService requests;
    private final VmInstances vms;
    private final Hypervisor hypervisor;
    private final ProjectNetworks networks;
    private final ProvisionedVms records;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VmDomains(RequestService requests, VmInstances vms, Hypervisor hypervisor, ProjectNetworks networks,
            ProvisionedVms records,
            ApplicationEventPublisher events, Clock clock) {
        this.requests = requests;
        this.vms = vms;
        this.hypervisor = hypervisor;
        this.networks = networks;
        this.records = records;
        this.events = events;
        this.clock = clock;
    }

    void defineDomain(String requestId, int vmIndex) {
        VmInstance vm = records.placedVm(requestId, vmIndex);
        Host host = records.host(vm);
        VmNaming naming = ProvisionedVms.naming(vm);
        String pool = host.storage().pool();
        String root = hypervisor.volumePath(host.name(), pool, naming.rootVolume())
                .orElseThrow(() -> new HypervisorFailure(host.name(), "root volume " + naming.rootVolume() + " is missing", null));
        String seed = hypervisor.volumePath(host.name(), pool, naming.seedVolume())
                .orElseThrow(() -> new HypervisorFailure(host.name(), "seed volume " + naming.seedVolume() + " is missing", null));
        String network = networks.of(vm.tenantId(), vm.projectId()).name();
        String xml = DomainXml.of(new DomainXml.Vm(naming, ProvisionedVms.metadata(vm), vm.arch(), host.domainType(), vm.vcpus(),
                vm.memoryMiB(), records.image(vm), root, seed, network, ProvisionedVms.consoleLog(host, naming), vm.gpus()));
        hypervisor.define(host.name(), xml);
        records.step(requestId, vmIndex, vm.tenantId(), "define domain", false, host.name());
    }

    /** Powers the domain off and removes its definition and NVRAM. */
    void undefineDomain(String requestId, int vmIndex) {
        Optional<VmInstance> found = records.vm(requestId, vmIndex).filter(vm -> vm.host() != null);
        if (found.isEmpty()) {
            return;
        }
        VmInstance vm = found.get();
        hypervisor.destroy(vm.host(), vm.domainName());
        hypervisor.undefine(vm.host(), vm.domainName());
        records.step(requestId, vmIndex, vm.tenantId(), "define domain", true, vm.host());
    }

    void startDomain(String requestId, int vmIndex) {
        VmInstance vm = records.placedVm(requestId, vmIndex);
        hypervisor.start(vm.host(), vm.domainName());
        records.step(requestId, vmIndex, vm.tenantId(), "start domain", false, vm.host());
    }

    /** Fails (to be retried) until the hypervisor reports the domain running. */
    void awaitRunning(String requestId, int vmIndex) {
        VmInstance vm = records.placedVm(requestId, vmIndex);
        boolean running = hypervisor.lookup(vm.host(), vm.domainName()).map(Hypervisor.DomainState::running).orElse(false);
        if (!running) {
            throw new HypervisorFailure(vm.host(), "domain " + vm.domainName() + " is not running yet", null);
        }
        records.step(requestId, vmIndex, vm.tenantId(), "await running", false, vm.host());
    }

    /** The VM is running: recorded with its lease (if the request set one) and its address, if already known. */
    @Transactional
    void recordResource(String requestId, int vmIndex) {
        VmInstance vm = records.placedVm(requestId, vmIndex);
        hypervisor.lookup(vm.host(), vm.domainName()).orElseThrow(
                () -> new HypervisorFailure(vm.host(), "domain " + vm.domainName() + " vanished before it was recorded", null));
        Instant now = clock.instant();
        Integer leaseDays = records.template(requests.load(requestId), vmIndex).leaseDays();
        if (!vms.running(requestId, vmIndex, leaseDays == null ? null : now.plus(Duration.ofDays(leaseDays)), now)) {
            throw new IllegalStateException("VM " + requestId + "#" + vmIndex + " is no longer being provisioned");
        }
        hypervisor.ipv4Address(vm.host(), vm.domainName()).ifPresent(ip -> vms.ipAddress(requestId, vmIndex, ip, now));
        records.step(requestId, vmIndex, vm.tenantId(), "record resource", false, vm.host());
        events.publishEvent(new VmProvisioned(requestId, vmIndex, vm.tenantId(), vm.projectId(), vm.host(),
                vm.domainName(), vm.arch(), now));
    }
}
