package io.stackgate.compute.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.Finding.Kind;
import io.stackgate.compute.Finding.Resolution;
import io.stackgate.compute.Finding;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.Hypervisor.DomainState;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.HypervisorFailure;
import io.stackgate.compute.ReconciliationEvents.FindingOpened;
import io.stackgate.compute.ReconciliationEvents.FindingResolved;
import io.stackgate.compute.ReconciliationEvents.VmStateCorrected;
import io.stackgate.compute.VmInstance;
import io.stackgate.compute.VmState;
import io.stackgate.compute.hosts.Fleet;
import io.stackgate.compute.reconciliation.HostComparison.Condition;
import io.stackgate.compute.reconciliation.HostComparison.Correction;
import io.stackgate.compute.vms.VmInstances;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the hosts' domains with the VM records (on a schedule, see {@link ReconciliationSchedule}, and when an
 * operator asks) and keeps one finding per disagreement open while it lasts: orphan domains (ours by their metadata,
 * but no live record), lost VMs (recorded, domain gone), drift of power state or size. Power state follows the
 * hypervisor: the record is corrected. Orphans are only reported: an operator decides whether to destroy one.
 * Every run may overlap with another instance's: each change is conditional, so only one of them makes it.
 */
@Service
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final Fleet fleet;
    private final Hypervisor hypervisor;
    private final VmInstances vms;
    private final Findings findings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    // one thread per host being reconciled; a hung host's run ends at its call timeout
    private final ExecutorService hostRuns = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "reconcile-host");
        thread.setDaemon(true);
        return thread;
    });

    Reconciliation(Fleet fleet, Hypervisor hypervisor, VmInstances vms, Findings findings,
            ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
        this.fleet = fleet;
        this.hypervisor = hypervisor;
        this.vms = vms;
        this.findings = findings;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What one run did: the findings it opened, saw again or resolved, and how it went on each host. */
    public record Run(List<Finding> findings, List<HostRun> hosts) {
    }

    /** @param reason why the host was skipped (down, not answering, a call failed); null when it was reconciled */
    public record HostRun(String host, boolean reconciled, String reason) {
    }

    /**
     * Reconciles every host at once, each on its own: a host that is down or stops answering is skipped (its calls
     * end at the call timeout) and reported, and holds up no other.
     */
    public Run reconcile() {
        List<CompletableFuture<HostResult>> runs = fleet.hosts().stream()
                .map(host -> CompletableFuture.supplyAsync(() -> reconcileOrSkip(host.name()), hostRuns)).toList();
        List<Finding> all = new ArrayList<>();
        List<HostRun> hosts = new ArrayList<>();
        for (CompletableFuture<HostResult> run : runs) {
            HostResult result = run.join();
            all.addAll(result.findings());
            hosts.add(result.run());
        }
        return new Run(all, hosts);
    }

    private record HostResult(HostRun run, List<Finding> findings) {
    }

    private HostResult reconcileOrSkip(String host) {
        HostStatus status = hypervisor.status(host);
        if (!status.up()) {
            log.info("reconciliation skips host {}: it is down", host);
            return new HostResult(new HostRun(host, false, status.reason()), List.of());
        }
        try {
            return new HostResult(new HostRun(host, true, null), reconcileUp(host));
        } catch (HypervisorFailure e) {
            log.warn("reconciliation of host {} failed: {}", host, e.getMessage());
            return new HostResult(new HostRun(host, false, e.reason()), List.of());
        }
    }

    /**
     * Reconciles one host and answers the findings this run opened, saw again or resolved there. A host that is down
     * is skipped: not reaching its domains is no evidence that they are gone.
     */
    public List<Finding> reconcile(String host) {
        fleet.host(host).orElseThrow(() -> new IllegalArgumentException("unknown host " + host));
        if (!hypervisor.isUp(host)) {
            log.info("reconciliation skips host {}: it is down", host);
            return List.of();
        }
        return reconcileUp(host);
    }

    private List<Finding> reconcileUp(String host) {
        HostSnapshot snapshot = HostSnapshot.of(hypervisor, host);
        List<Finding> result = transaction.execute(status -> record(host, snapshot));
        refreshAddresses(host);
        return result;
    }

    /** One page of the findings, newest first; {@code host} and {@code open} narrow them when given. */
    public Page<Finding> findings(String host, Boolean open, PageRequest page) {
        return findings.search(host, open, page);
    }

    @PreDestroy
    void stop() {
        hostRuns.shutdownNow();
    }

    /**
     * Destroys and undefines the domain of an open ORPHAN finding, after checking that it still is that orphan (a
     * record may have claimed it since), and resolves the finding as done by the operator.
     */
    public Finding destroyOrphan(long findingId, String operator) {
        Finding finding = findings.find(findingId).orElseThrow(() -> new FindingNotFound(findingId));
        if (finding.kind() != Kind.ORPHAN || !finding.isOpen()) {
            throw new NotAnOpenOrphan(findingId, (finding.isOpen() ? "" : "a resolved ") + finding.kind());
        }
        Optional<DomainState> domain = hypervisor.lookup(finding.host(), finding.domain());
        if (domain.isPresent()) {
            if (!stillOrphan(finding, domain.get())) {
                throw new OrphanClaimed(finding.domain(), finding.host());
            }
            hypervisor.destroy(finding.host(), finding.domain());
            hypervisor.undefine(finding.host(), finding.domain());
        }
        Resolution resolution = domain.isPresent() ? Resolution.DESTROYED : Resolution.GONE;
        return transaction.execute(status -> findings.resolve(finding, resolution, operator, clock.instant())
                .map(this::resolved)
                .orElseGet(() -> findings.find(findingId).orElseThrow()));
    }

    private List<Finding> record(String host, HostSnapshot snapshot) {
        Instant now = clock.instant();
        HostComparison comparison = HostComparison.of(host, snapshot, vms.onHost(host, HostComparison.COMPARED),
                vms::byDomain);
        List<Finding> touched = new ArrayList<>();
        Set<String> returned = new HashSet<>();
        Set<String> notCorrected = new HashSet<>();
        for (Correction correction : comparison.corrections()) {
            VmInstance vm = correction.vm();
            if (!vms.changeState(vm.requestId(), vm.vmIndex(), vm.state(), correction.to(), correction.reason(), now)) {
                // something else changed the record since it was read; the next run looks again
                notCorrected.add(vm.domainName());
                continue;
            }
            events.publishEvent(new VmStateCorrected(vm.requestId(), vm.vmIndex(), vm.tenantId(), host, vm.domainName(),
                    vm.state(), correction.to(), correction.reason(), now));
            if (vm.state() == VmState.LOST) {
                returned.add(vm.domainName());
            }
            correction.drift().ifPresent(drift -> touched.add(opened(findings.corrected(host, drift, now))));
        }
        Map<String, Finding> open = new LinkedHashMap<>();
        findings.openOn(host).forEach(finding -> open.put(key(finding.domain(), finding.kind()), finding));
        for (Condition condition : comparison.conditions()) {
            if (condition.kind() == Kind.LOST && notCorrected.contains(condition.domain())) {
                continue;
            }
            Finding existing = open.remove(key(condition.domain(), condition.kind()));
            if (existing != null) {
                touched.add(findings.seen(existing, condition.detail(), now));
            } else {
                findings.open(host, condition, now).map(this::opened).ifPresent(touched::add);
            }
        }
        for (Finding ended : open.values()) {
            Resolution resolution = ended.kind() == Kind.LOST && returned.contains(ended.domain())
                    ? Resolution.RETURNED : Resolution.GONE;
            findings.resolve(ended, resolution, null, now).map(this::resolved).ifPresent(touched::add);
        }
        return touched;
    }

    /** Running VMs recorded before their guest had a DHCP lease get their address now. */
    private void refreshAddresses(String host) {
        for (VmInstance vm : vms.onHost(host, Set.of(VmState.RUNNING))) {
            if (vm.ipAddress() == null) {
                hypervisor.ipv4Address(host, vm.domainName())
                        .ifPresent(ip -> vms.ipAddress(vm.requestId(), vm.vmIndex(), ip, clock.instant()));
            }
        }
    }

    private boolean stillOrphan(Finding finding, DomainState domain) {
        boolean sameDomain = domain.metadata().isPresent() && domain.uuid().toString().equals(finding.domainUuid());
        boolean claimed = vms.byDomain(finding.domain())
                .filter(vm -> finding.host().equals(vm.host()) && HostComparison.COMPARED.contains(vm.state()))
                .isPresent();
        return sameDomain && !claimed;
    }

    private Finding opened(Finding finding) {
        events.publishEvent(new FindingOpened(finding.id(), finding.host(), finding.domain(), finding.kind(),
                finding.requestId(), finding.vmIndex(), finding.tenantId(), finding.detail(), finding.firstSeen()));
        return finding;
    }

    private Finding resolved(Finding finding) {
        events.publishEvent(new FindingResolved(finding.id(), finding.host(), finding.domain(), finding.kind(),
                finding.resolution(), finding.resolvedBy(), finding.resolvedAt()));
        return finding;
    }

    private static String key(String domain, Kind kind) {
        return domain + "/" + kind;
    }
}
