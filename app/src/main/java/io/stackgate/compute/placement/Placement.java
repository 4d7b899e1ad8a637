package io.stackgate.compute.placement;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.stackgate.compute.CapacityReleased;
import io.stackgate.compute.CapacityReserved;
import io.stackgate.compute.ComputeProperties.Host;
import io.stackgate.compute.HostStatus;
import io.stackgate.compute.Hypervisor;
import io.stackgate.compute.hosts.Fleet;
import io.stackgate.compute.placement.PlacementResult.Placed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chooses a host for each VM of a request and reserves its capacity in the database, before anything is defined
 * on the host. Placements that could compete (same architecture) serialise on the hosts' lock rows, so
 * concurrent requests never over-commit a host. A reservation commits in a short transaction of its own, so the
 * locks are not held while the provisioning job around it finishes; a job that fails afterwards finds its
 * reservation again (idempotent per request and VM index) or releases it when it gives up.
 */
@Service
public class Placement {

    private final JdbcClient jdbc;
    private final Fleet fleet;
    private final ApplicationEventPublisher events;
    private final Hypervisor hypervisor;
    private final TransactionTemplate separately;
    private final Clock clock;

    Placement(JdbcClient jdbc, Fleet fleet, ApplicationEventPublisher events, Hypervisor hypervisor,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.fleet = fleet;
        this.events = events;
        this.hypervisor = hypervisor;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Reserves room for the VM on the best-fitting host; asking again for the same (request, VM index) answers
     * the existing reservation. No fit is an answer ({@link PlacementResult.NoCapacity}), not an error.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public PlacementResult reserve(VmDemand demand) {
        List<Host> candidates = fleet.hosts().stream().filter(host -> host.arch() == demand.arch()).toList();
        // a host that does not answer its health check takes nothing new; asked before the locks, not under them
        // (the check waits at most the probe timeout, and a host known not to answer is skipped at once)
        Map<String, String> down = new LinkedHashMap<>();
        List<Host> up = candidates.stream().filter(host -> {
            HostStatus status = hypervisor.status(host.name());
            if (!status.up()) {
                down.put(host.name(), status.reason());
            }
            return status.up();
        }).toList();
        up.stream().map(Host::name).sorted().forEach(this::lockHost);
        Optional<Placed> existing = reserved(demand.requestId(), demand.vmIndex());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (up.isEmpty() && !candidates.isEmpty()) {
            return new PlacementResult.NoCapacity(List.of(PlacementResult.Shortage.HOST_DOWN),
                    "every " + demand.arch() + " host is down: " + describe(down));
        }
        candidates = up;
        Map<String, HostUsage> usage = usage();
        Set<String> hostsOfTheRequest = Set.copyOf(jdbc.sql(
                        "select host from host_reservation where request_id = ? and state = 'RESERVED'")
                .param(demand.requestId()).query(String.class).list());
        Optional<PlacementRules.Choice> choice = PlacementRules.choose(candidates, usage, hostsOfTheRequest, demand);
        if (choice.isEmpty()) {
            PlacementResult.NoCapacity none = PlacementRules.noCapacity(candidates, usage, demand);
            return down.isEmpty() ? none : new PlacementResult.NoCapacity(none.shortages(),
                    none.reason() + "; down: " + describe(down));
        }
        Host host = choice.get().host();
        List<String> gpus = choice.get().gpus();
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("update host_reservation set host = ?, vcpus = ?, memory_mib = ?, disk_gib = ?, gpus = ?, "
                        + "state = 'RESERVED', reserved_at = ?, released_at = null where request_id = ? and vm_index = ?")
                .params(host.name(), demand.vcpus(), demand.memoryMiB(), demand.diskGiB(), String.join(",", gpus), now,
                        demand.requestId(), demand.vmIndex())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into host_reservation (request_id, vm_index, host, vcpus, memory_mib, disk_gib, gpus, state, "
                            + "reserved_at) values (?, ?, ?, ?, ?, ?, ?, 'RESERVED', ?)")
                    .params(demand.requestId(), demand.vmIndex(), host.name(), demand.vcpus(), demand.memoryMiB(),
                            demand.diskGiB(), String.join(",", gpus), now)
                    .update();
        }
        events.publishEvent(new CapacityReserved(demand.requestId(), demand.vmIndex(), host.name(), demand.vcpus(),
                demand.memoryMiB(), demand.diskGiB(), gpus));
        return new Placed(demand.requestId(), demand.vmIndex(), host.name(), gpus);
    }

    /** Releases every reservation of the request (nothing to do if there is none left). */
    @Transactional
    public void release(String requestId) {
        int released = jdbc.sql("update host_reservation set state = 'RELEASED', released_at = ? "
                        + "where request_id = ? and state = 'RESERVED'")
                .params(Timestamp.from(clock.instant()), requestId)
                .update();
        if (released > 0) {
            events.publishEvent(new CapacityReleased(requestId, released));
        }
    }

    /**
     * Changes the reservation of a placed VM to a new size on the same host, if the host has room for the growth
     * (a shrink always fits). Answers the reason when it has not. Idempotent.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<String> resize(String requestId, int vmIndex, int vcpus, long memoryMiB) {
        Placed placed = reserved(requestId, vmIndex)
                .orElseThrow(() -> new IllegalStateException("VM " + requestId + "#" + vmIndex + " holds no reservation"));
        Host host = fleet.host(placed.host()).orElseThrow();
        lockHost(host.name());
        record Size(int vcpus, long memoryMiB) {
        }
        Size current = jdbc.sql("select vcpus, memory_mib from host_reservation where request_id = ? and vm_index = ?")
                .params(requestId, vmIndex).query((rs, n) -> new Size(rs.getInt("vcpus"), rs.getLong("memory_mib"))).single();
        HostUsage used = usage().getOrDefault(host.name(), HostUsage.NONE);
        if (vcpus - current.vcpus() > used.freeVcpus(host)) {
            return Optional.of("host " + host.name() + " has " + used.freeVcpus(host) + " vCPU free, the resize needs "
                    + (vcpus - current.vcpus()) + " more");
        }
        if (memoryMiB - current.memoryMiB() > used.freeMemoryMiB(host)) {
            return Optional.of("host " + host.name() + " has " + used.freeMemoryMiB(host) + " MiB free, the resize needs "
                    + (memoryMiB - current.memoryMiB()) + " more");
        }
        jdbc.sql("update host_reservation set vcpus = ?, memory_mib = ? where request_id = ? and vm_index = ?")
                .params(vcpus, memoryMiB, requestId, vmIndex).update();
        return Optional.empty();
    }

    /** Releases the reservation of one VM of the request, if it holds one. */
    @Transactional
    public void release(String requestId, int vmIndex) {
        int released = jdbc.sql("update host_reservation set state = 'RELEASED', released_at = ? "
                        + "where request_id = ? and vm_index = ? and state = 'RESERVED'")
                .params(Timestamp.from(clock.instant()), requestId, vmIndex)
                .update();
        if (released > 0) {
            events.publishEvent(new CapacityReleased(requestId, released));
        }
    }

    /** The current reservation of one VM of a request, if it holds one. */
    @Transactional(readOnly = true)
    public Optional<Placed> reserved(String requestId, int vmIndex) {
        return jdbc.sql("select host, gpus from host_reservation where request_id = ? and vm_index = ? and state = 'RESERVED'")
                .params(requestId, vmIndex)
                .query((rs, n) -> new Placed(requestId, vmIndex, rs.getString("host"), split(rs.getString("gpus"))))
                .optional();
    }

    /** What each host has given out, by host name. */
    @Transactional(readOnly = true)
    public Map<String, HostUsage> usage() {
        Map<String, HostUsage> usage = new HashMap<>();
        jdbc.sql("select host, vcpus, memory_mib, disk_gib, gpus from host_reservation where state = 'RESERVED'")
                .query(rs -> {
                    HostUsage sum = usage.getOrDefault(rs.getString("host"), HostUsage.NONE);
                    Set<String> gpus = new java.util.HashSet<>(sum.gpusInUse());
                    gpus.addAll(split(rs.getString("gpus")));
                    usage.put(rs.getString("host"), new HostUsage(sum.vcpus() + rs.getInt("vcpus"),
                            sum.memoryMiB() + rs.getLong("memory_mib"), sum.diskGiB() + rs.getLong("disk_gib"),
                            Set.copyOf(gpus)));
                });
        return usage;
    }

    private void lockHost(String host) {
        String lock = "select host from host_lock where host = ? for update";
        if (jdbc.sql(lock).param(host).query(String.class).optional().isEmpty()) {
            // first placement on this host: create its row in a transaction of its own (racing inserts inside the
            // placing transactions deadlock on InnoDB), then lock it here
            separately.executeWithoutResult(tx -> createLockRow(host));
            jdbc.sql(lock).param(host).query(String.class).single();
        }
    }

    private void createLockRow(String host) {
        if (jdbc.sql("select count(*) from host_lock where host = ?").param(host).query(Long.class).single() > 0) {
            return;
        }
        try {
            jdbc.sql("insert into host_lock (host) values (?)").param(host).update();
        } catch (DuplicateKeyException concurrentlyCreated) {
            // another transaction created it: it exists, which is all we need
        }
    }

    /** {@code kvm-2 (not answering: no answer within PT3S), kvm-3 (…)} */
    private static String describe(Map<String, String> down) {
        return down.entrySet().stream().map(host -> host.getKey() + " (" + host.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    private static List<String> split(String gpus) {
        return gpus == null || gpus.isEmpty() ? List.of()
                : Arrays.stream(gpus.split(",")).collect(Collectors.toUnmodifiableList());
    }
}
