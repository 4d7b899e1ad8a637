package io.stackgate.compute;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.stackgate.compute.vms.VmInstances;
import io.stackgate.requests.RequestService;
import io.stackgate.tenancy.QuotaService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * VM leases: a VM whose request set {@code leaseDays} expires. {@code notice} before the expiry its owner is asked to
 * renew (a lease-renewal request, approved like any other); at the expiry it is powered off and stays off (its owner
 * cannot start it) until a renewal; when the grace period after it ends without one, its request's VMs are
 * decommissioned and their quota freed. Each step changes the record conditionally, so a step that another instance
 * or an owner action got to first is not taken twice, and VMs on a host that is down wait for it without holding up
 * the others.
 */
@Service
public class LeaseKeeper {

    /** The owner ({@code ownerId}: the token's subject) is asked to renew the lease of a VM that expires at {@code expiresAt}. */
    public record LeaseRenewalDue(String requestId, int vmIndex, String tenantId, String owner, String ownerId,
            String domain, Instant expiresAt) {
    }

    /** The lease ended: the VM is powered off and is decommissioned at {@code decommissionAt} unless renewed. */
    public record LeaseExpired(String requestId, int vmIndex, String tenantId, String owner, String ownerId,
            String domain, Instant expiredAt, Instant decommissionAt) {
    }

    public record LeaseExtended(String requestId, int vmIndex, String tenantId, Instant expiresAt, String byRequest) {
    }

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final List<VmState> LIVE = List.of(VmState.RUNNING, VmState.STOPPED);
    private static final List<VmState> ENDED = List.of(VmState.FAILED, VmState.DECOMMISSIONING, VmState.DECOMMISSIONED);

    private final JdbcClient jdbc;
    private final VmInstances vms;
    private final Hypervisor hypervisor;
    private final VmRemoval provisioning;
    private final QuotaService quotas;
    private final RequestService requests;
    private final ApplicationEventPublisher events;
    private final ComputeProperties.Leases settings;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LeaseKeeper(JdbcClient jdbc, VmInstances vms, Hypervisor hypervisor, VmRemoval provisioning,
            QuotaService quotas, RequestService requests, ApplicationEventPublisher events, ComputeProperties properties,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.vms = vms;
        this.hypervisor = hypervisor;
        this.provisioning = provisioning;
        this.quotas = quotas;
        this.requests = requests;
        this.events = events;
        this.settings = properties.leases();
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Extends the lease of the request's VMs by {@code days} from their expiry (or from now, if it passed); a VM the
     * expiry powered off is started again. Runs inside the renewal's job transaction.
     */
    public void extend(String vmRequestId, int days, String byRequest) {
        Instant now = clock.instant();
        for (VmInstance vm : vms.ofRequest(vmRequestId)) {
            if (ENDED.contains(vm.state()) || vm.leaseExpiresAt() == null) {
                continue;
            }
            Instant from = vm.leaseExpiresAt().isAfter(now) ? vm.leaseExpiresAt() : now;
            Instant until = from.plus(Duration.ofDays(days));
            boolean stoppedByLease = vms.leaseEnded(vm.requestId(), vm.vmIndex());
            jdbc.sql("update vm_instance set lease_expires_at = ?, renewal_asked_at = null, lease_stopped_at = null, "
                            + "updated_at = ? where request_id = ? and vm_index = ?")
                    .params(Timestamp.from(until), Timestamp.from(now), vm.requestId(), vm.vmIndex()).update();
            if (stoppedByLease && vms.changeState(vm.requestId(), vm.vmIndex(), VmState.STOPPED, VmState.RUNNING, null, now)) {
                hypervisor.start(vm.host(), vm.domainName());
            }
            events.publishEvent(new LeaseExtended(vm.requestId(), vm.vmIndex(), vm.tenantId(), until, byRequest));
        }
    }

    /** One round: ask for renewals that are due, stop what expired, decommission what the grace period let go. */
    public void check(Instant now) {
        for (VmInstance vm : vms.leased(LIVE, "lease_expires_at <= ? and renewal_asked_at is null", now.plus(settings.notice()))) {
            once(vm, () -> askForRenewal(vm, now));
        }
        for (VmInstance vm : vms.leased(LIVE, "lease_expires_at <= ? and lease_stopped_at is null", now)) {
            onItsHost(vm, () -> expire(vm, now));
        }
        // DECOMMISSIONING: a removal that failed half-way (its host did not answer) is taken up again
        List<VmState> removable = List.of(VmState.RUNNING, VmState.STOPPED, VmState.DECOMMISSIONING);
        for (VmInstance vm : vms.leased(removable, "lease_expires_at <= ? and lease_stopped_at is not null",
                now.minus(settings.grace()))) {
            onItsHost(vm, () -> decommission(vm));
        }
    }

    public void checkNow() {
        check(clock.instant());
    }

    private void askForRenewal(VmInstance vm, Instant now) {
        int asked = jdbc.sql("update vm_instance set renewal_asked_at = ? where request_id = ? and vm_index = ? "
                        + "and renewal_asked_at is null")
                .params(Timestamp.from(now), vm.requestId(), vm.vmIndex()).update();
        if (asked == 1) {
            events.publishEvent(new LeaseRenewalDue(vm.requestId(), vm.vmIndex(), vm.tenantId(), vm.owner(), vm.ownerId(),
                    vm.domainName(), vm.leaseExpiresAt()));
        }
    }

    /** The record first (conditionally: not renewed, not gone meanwhile), then the power-off, in one transaction. */
    private void expire(VmInstance vm, Instant now) {
        Instant decommissionAt = vm.leaseExpiresAt().plus(settings.grace());
        int stopped = jdbc.sql("update vm_instance set state = 'STOPPED', state_reason = ?, lease_stopped_at = ?, updated_at = ? "
                        + "where request_id = ? and vm_index = ? and state in ('RUNNING', 'STOPPED') "
                        + "and lease_stopped_at is null and lease_expires_at <= ?")
                .params("lease expired at " + vm.leaseExpiresAt() + "; decommissioned at " + decommissionAt + " unless renewed",
                        Timestamp.from(now), Timestamp.from(now), vm.requestId(), vm.vmIndex(), Timestamp.from(now))
                .update();
        if (stopped == 0) {
            return;
        }
        hypervisor.destroy(vm.host(), vm.domainName());
        events.publishEvent(new LeaseExpired(vm.requestId(), vm.vmIndex(), vm.tenantId(), vm.owner(), vm.ownerId(),
                vm.domainName(), vm.leaseExpiresAt(), decommissionAt));
    }

    private void decommission(VmInstance vm) {
        provisioning.decommission(vm.requestId(), "lease-expiry");
        quotas.release(vm.requestId());
        requests.completedResizesOf(vm.requestId()).forEach(quotas::release);
    }

    /** A VM whose host is down waits for the next round: asking it would only wait for the call timeout. */
    private void onItsHost(VmInstance vm, Runnable action) {
        if (vm.host() != null && !hypervisor.isUp(vm.host())) {
            log.info("lease of {} ({}#{}) waits: host {} is down", vm.domainName(), vm.requestId(), vm.vmIndex(), vm.host());
            return;
        }
        once(vm, action);
    }

    /** Each VM in a transaction of its own: one that fails holds up no other VM. */
    private void once(VmInstance vm, Runnable action) {
        try {
            transaction.executeWithoutResult(status -> action.run());
        } catch (RuntimeException e) {
            log.warn("lease of {} ({}#{}): {}", vm.domainName(), vm.requestId(), vm.vmIndex(), e.getMessage());
        }
    }
}
