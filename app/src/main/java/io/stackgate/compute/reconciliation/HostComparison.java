package io.stackgate.compute.reconciliation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.stackgate.compute.DomainMetadata;
import io.stackgate.compute.Finding.Kind;
import io.stackgate.compute.Hypervisor.DomainState;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmState;
import io.stackgate.compute.libvirt.DomainSize;

/**
 * Compares what one host has with what the records say it should have, and decides what to report and which recorded
 * states to correct; it changes nothing itself. The hypervisor is the truth for whether a domain exists and runs; for
 * its size the record is (a resized domain is reported, not adopted).
 */
final class HostComparison {

    /** A condition on the host worth a finding while it lasts. */
    record Condition(Kind kind, String domain, String domainUuid, String requestId, Integer vmIndex, String tenantId,
            String detail) {

        static Condition of(Kind kind, VmInstance vm, String detail) {
            return new Condition(kind, vm.domainName(), vm.domainUuid(), vm.requestId(), vm.vmIndex(), vm.tenantId(),
                    detail);
        }
    }

    /** The VM's recorded state ({@code vm.state()}) should be {@code to}. */
    record Correction(VmInstance vm, VmState to, String reason) {

        /** A power-state correction is itself a finding (resolved as it is made); others have findings of their own. */
        Optional<Condition> drift() {
            boolean powerOnly = vm.state() != VmState.LOST && to != VmState.LOST;
            return powerOnly ? Optional.of(Condition.of(Kind.DRIFT_STATE, vm, reason)) : Optional.empty();
        }
    }

    /**
     * Records in these states are compared with their host; PROVISIONING and DECOMMISSIONING ones only count as
     * accounted for (the provisioning or decommissioning process owns the domain meanwhile).
     */
    static final Set<VmState> COMPARED = EnumSet.of(VmState.PROVISIONING, VmState.RUNNING, VmState.STOPPED, VmState.LOST,
            VmState.DECOMMISSIONING);

    private final String host;
    private final HostSnapshot snapshot;
    private final List<Condition> conditions = new ArrayList<>();
    private final List<Correction> corrections = new ArrayList<>();

    private HostComparison(String host, HostSnapshot snapshot) {
        this.host = host;
        this.snapshot = snapshot;
    }

    /**
     * @param records        the host's records in the {@link #COMPARED} states
     * @param recordOfDomain the record of a domain name wherever it is placed (to say why an orphan is one)
     */
    static HostComparison of(String host, HostSnapshot snapshot, List<VmInstance> records,
            Function<String, Optional<VmInstance>> recordOfDomain) {
        HostComparison comparison = new HostComparison(host, snapshot);
        Set<String> accounted = new HashSet<>();
        for (VmInstance vm : records) {
            accounted.add(vm.domainName());
            Optional<DomainState> domain = Optional.ofNullable(snapshot.domains().get(vm.domainName()));
            switch (vm.state()) {
                case RUNNING, STOPPED -> comparison.compareLive(vm, domain);
                case LOST -> comparison.compareLost(vm, domain);
                default -> { }
            }
        }
        // domains without our metadata are someone else's business
        snapshot.domains().values().stream()
                .filter(domain -> domain.metadata().isPresent() && !accounted.contains(domain.name()))
                .forEach(domain -> comparison.orphan(domain, recordOfDomain.apply(domain.name())));
        return comparison;
    }

    List<Condition> conditions() {
        return conditions;
    }

    List<Correction> corrections() {
        return corrections;
    }

    private void compareLive(VmInstance vm, Optional<DomainState> domain) {
        if (domain.isEmpty()) {
            String reason = "domain vanished from host " + host;
            corrections.add(new Correction(vm, VmState.LOST, reason));
            conditions.add(Condition.of(Kind.LOST, vm, reason));
            return;
        }
        boolean running = domain.get().running();
        if (running != (vm.state() == VmState.RUNNING)) {
            corrections.add(new Correction(vm, running ? VmState.RUNNING : VmState.STOPPED, running
                    ? "recorded STOPPED, but the domain runs on host " + host
                    : "recorded RUNNING, but the domain is not running on host " + host));
        }
        DomainSize recorded = new DomainSize(vm.vcpus(), vm.memoryMiB());
        DomainSize actual = snapshot.sizes().get(vm.domainName());
        if (actual != null && !actual.equals(recorded)) {
            conditions.add(Condition.of(Kind.DRIFT_SIZE, vm, "the domain has " + actual + ", its record " + recorded));
        }
    }

    private void compareLost(VmInstance vm, Optional<DomainState> domain) {
        if (domain.isPresent()) {
            corrections.add(new Correction(vm, domain.get().running() ? VmState.RUNNING : VmState.STOPPED,
                    "the domain is back on host " + host));
        } else {
            conditions.add(Condition.of(Kind.LOST, vm, "domain vanished from host " + host));
        }
    }

    private void orphan(DomainState domain, Optional<VmInstance> record) {
        DomainMetadata ours = domain.metadata().orElseThrow();
        String detail = record.map(vm -> vm.host() == null || !vm.host().equals(host)
                        ? "its record (" + vm.state() + ") places it " + (vm.host() == null ? "on no host" : "on host " + vm.host())
                        : "its record is " + vm.state())
                .orElse("no record of this domain (tenant " + ours.tenant() + ", project " + ours.project()
                        + ", request " + ours.request() + ", owner " + ours.owner() + ")");
        conditions.add(new Condition(Kind.ORPHAN, domain.name(), domain.uuid().toString(),
                record.map(VmInstance::requestId).orElse(ours.request()), record.map(VmInstance::vmIndex).orElse(null),
                record.map(VmInstance::tenantId).orElse(ours.tenant()), detail));
    }
}
