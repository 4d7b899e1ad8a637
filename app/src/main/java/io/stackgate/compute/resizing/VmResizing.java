package io.stackgate.compute.resizing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.stackgate.compute.ComputeEvents;
import io.stackgate.compute.ComputeProperties;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.HypervisorFailure;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmState;
import io.stackgate.compute.placement.Placement;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.requests.ResourceSizes;
import io.stackgate.tenancy.Quota;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Resizing the VMs of a request (vCPUs and memory) on the host they run on: the host's reservation grows first
 * (refused when the host has no room: no live migration here), then the guest is shut down (ACPI, powered off after
 * a timeout), its definition rewritten with the new size, and started again if it ran. Also answers a request's
 * current size, the base of a resize's quota demand.
 */
@Service
public class VmResizing implements ResourceSizes {

    private static final List<VmState> LIVE = List.of(VmState.RUNNING, VmState.STOPPED);
    private static final Pattern VCPU = Pattern.compile("<vcpu([^>]*)>\\s*\\d+\\s*</vcpu>");
    private static final Pattern MEMORY = Pattern.compile("<(memory|currentMemory)[^>]*>\\s*\\d+\\s*</(memory|currentMemory)>");

    private final VmInstances vms;
    private final Placement placement;
    private final Hypervisor hypervisor;
    private final ApplicationEventPublisher events;
    private final Duration shutdownTimeout;
    private final Duration shutdownPoll;
    private final Clock clock;

    VmResizing(VmInstances vms, Placement placement, Hypervisor hypervisor, ApplicationEventPublisher events,
            ComputeProperties properties, Clock clock) {
        this.vms = vms;
        this.placement = placement;
        this.hypervisor = hypervisor;
        this.events = events;
        this.shutdownTimeout = properties.provisioning().shutdownTimeout();
        this.shutdownPoll = properties.provisioning().shutdownPoll();
        this.clock = clock;
    }

    @Override
    public Quota currentOf(String requestId) {
        List<VmInstance> live = vms.ofRequest(requestId).stream().filter(vm -> LIVE.contains(vm.state())).toList();
        return new Quota(live.stream().mapToInt(VmInstance::vcpus).sum(), live.stream().mapToLong(VmInstance::memoryMiB).sum(),
                0, 0, live.size(), 0);
    }

    /**
     * The first part of a resize: reserves the new size on each VM's host (no room: fails, before any guest is touched),
     * then asks the running guests to shut down (ACPI). resize-vm then waits on a timer until {@link #guestsStopped}.
     */
    public void reserveAndShutDown(String targetRequestId, int vcpus, long memoryMiB) {
        List<VmInstance> changing = changing(targetRequestId, vcpus, memoryMiB);
        for (VmInstance vm : changing) {
            Optional<String> noRoom = placement.resize(vm.requestId(), vm.vmIndex(), vcpus, memoryMiB);
            if (noRoom.isPresent()) {
                throw new IllegalStateException("no room to resize " + vm.hostname() + ": " + noRoom.get());
            }
        }
        for (VmInstance vm : changing) {
            if (running(vm)) {
                hypervisor.shutdown(vm.host(), vm.domainName());
            }
        }
    }

    /** Whether no guest that changes size still runs (a guest still running past the deadline is powered off later). */
    public boolean guestsStopped(String targetRequestId, int vcpus, long memoryMiB) {
        return changing(targetRequestId, vcpus, memoryMiB).stream().noneMatch(this::running);
    }

    /** When a guest asked to shut down now is powered off instead. */
    public Instant shutdownDeadline() {
        return clock.instant().plus(shutdownTimeout);
    }

    public Duration shutdownPoll() {
        return shutdownPoll;
    }

    private List<VmInstance> changing(String targetRequestId, int vcpus, long memoryMiB) {
        return vms.ofRequest(targetRequestId).stream().filter(vm -> LIVE.contains(vm.state()))
                .filter(vm -> vm.vcpus() != vcpus || vm.memoryMiB() != memoryMiB).toList();
    }

    /** Gives every live VM of the request the new size; a VM already of that size is left alone. */
    public void resize(String targetRequestId, int vcpus, long memoryMiB, String byRequest) {
        for (VmInstance vm : vms.ofRequest(targetRequestId)) {
            // the row is held until the job commits: a decommission meanwhile waits, and never sees its domain redefined
            if (vm.vcpus() == vcpus && vm.memoryMiB() == memoryMiB || !vms.hold(vm.requestId(), vm.vmIndex(), LIVE, clock.instant())) {
                continue;
            }
            Optional<String> noRoom = placement.resize(vm.requestId(), vm.vmIndex(), vcpus, memoryMiB);
            if (noRoom.isPresent()) {
                throw new IllegalStateException("no room to resize " + vm.hostname() + ": " + noRoom.get());
            }
            redefine(vm, vcpus, memoryMiB);
            vms.resized(vm.requestId(), vm.vmIndex(), vcpus, memoryMiB, clock.instant());
            events.publishEvent(new ComputeEvents.VmResized(vm.requestId(), vm.vmIndex(), vm.tenantId(), vcpus, memoryMiB, byRequest,
                    clock.instant()));
        }
    }

    /** Puts the VMs back to the size their records hold (the undo of a resize that failed half-way). */
    public void restore(String targetRequestId) {
        for (VmInstance vm : vms.ofRequest(targetRequestId)) {
            if (vms.hold(vm.requestId(), vm.vmIndex(), LIVE, clock.instant())) {
                placement.resize(vm.requestId(), vm.vmIndex(), vm.vcpus(), vm.memoryMiB());
                redefine(vm, vm.vcpus(), vm.memoryMiB());
                if (vm.state() == VmState.RUNNING && !running(vm)) { // shut down for a resize that then failed
                    hypervisor.start(vm.host(), vm.domainName());
                }
            }
        }
    }

    private void redefine(VmInstance vm, int vcpus, long memoryMiB) {
        String xml = hypervisor.domainXml(vm.host(), vm.domainName()).orElseThrow(
                () -> new HypervisorFailure(vm.host(), "domain " + vm.domainName() + " is missing", null));
        String resized = withSize(xml, vcpus, memoryMiB);
        if (resized.equals(xml)) {
            return;
        }
        boolean wasRunning = vm.state() == VmState.RUNNING;
        stop(vm);
        hypervisor.define(vm.host(), resized);
        if (wasRunning) {
            hypervisor.start(vm.host(), vm.domainName());
        }
    }

    /** Powers off a guest still running: resize-vm asked it to shut down and waited up to the timeout. */
    private void stop(VmInstance vm) {
        if (running(vm)) {
            hypervisor.destroy(vm.host(), vm.domainName());
        }
    }

    private boolean running(VmInstance vm) {
        return hypervisor.lookup(vm.host(), vm.domainName()).map(Hypervisor.DomainState::running).orElse(false);
    }

    /** The domain XML with a new vCPU count and memory (both current and maximum). */
    static String withSize(String domainXml, int vcpus, long memoryMiB) {
        Matcher vcpu = VCPU.matcher(domainXml);
        String xml = vcpu.find() ? vcpu.replaceFirst("<vcpu$1>" + vcpus + "</vcpu>") : domainXml;
        return MEMORY.matcher(xml).replaceAll(match -> "<" + match.group(1) + " unit='MiB'>" + memoryMiB + "</" + match.group(1) + ">");
    }
}
