package io.stackgate.compute;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 * renew (a lease-renewal request, approved like any other); at the expiry it is powered off; when the grace period
 * after it ends without a renewal, its request's VMs are decommissioned and their quota freed.
 */
@Service
public class LeaseKeeper {

    /** The owner is asked to renew the lease of a VM that expires at {@code expiresAt}. */
    public record LeaseRenewalDue(String requestId, int vmIndex, String tenantId, String owner, Instant expiresAt) {
    }

    public record LeaseExpired(String requestId, int vmIndex, String tenantId, Instant decommissionAt) {
    }

    public record LeaseExtended(String requestId, int vmIndex, String tenantId, Instant expiresAt, String byRequest) {
    }

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final JdbcClient jdbc;
    private final VmInstances vms;
    private final Hypervisor hypervisor;
    private final VmRemoval provisioning;
    private final QuotaService quotas;
    private final RequestService requests;
    private final ApplicationEventPublisher events;
    private final ComputeProperties.Leases settings;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();

    LeaseKeeper(JdbcClient jdbc, VmInstances vms, Hypervisor hypervisor, VmRemoval provisioning,
            QuotaService quotas, RequestService requests, ApplicationEventPublisher events, ComputeProperties properties,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.vms = vms;
        this.hypervisor = hypervisor;
        this.provisioning = provisioning;
        this.quotas = quotas;
        this.requests = requests;
        this.events = events;
        this.settings = properties.leases();
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Extends the lease of the request's VMs by {@code days} from their expiry (or from now, if it passed); a VM the
     * expiry powered off is started again. Runs inside the renewal's job transaction.
     */
    public void extend(String vmRequestId, int days, String byRequest) {
        Instant now = clock.instant();
        for (VmInstance vm : vms.ofRequest(vmRequestId)) {
            if (vm.state() == VmState.DECOMMISSIONED || vm.state() == VmState.FAILED || vm.leaseExpiresAt() == null) {
                continue;
            }
            Instant from = vm.leaseExpiresAt().isAfter(now) ? vm.leaseExpiresAt() : now;
            Instant until = from.plus(Duration.ofDays(days));
            boolean stoppedByLease = jdbc.sql("select count(*) from vm_instance where request_id = ? and vm_index = ? "
                            + "and lease_stopped_at is not null")
                    .params(vm.requestId(), vm.vmIndex()).query(Integer.class).single() > 0;
            jdbc.sql("update vm_instance set lease_expires_at = ?, renewal_asked_at = null, lease_stopped_at = null, "
                            + "updated_at = ? where request_id = ? and vm_index = ?")
                    .params(Timestamp.from(until), Timestamp.from(now), vm.requestId(), vm.vmIndex()).update();
            if (stoppedByLease && vm.state() == VmState.STOPPED) {
                hypervisor.start(vm.host(), vm.domainName());
                vms.state(vm.requestId(), vm.vmIndex(), VmState.RUNNING, null, now);
            }
            events.publishEvent(new LeaseExtended(vm.requestId(), vm.vmIndex(), vm.tenantId(), until, byRequest));
        }
    }

    /** One round: ask for renewals that are due, stop what expired, decommission what the grace period let go. */
    public void check(Instant now) {
        for (VmInstance vm : leased("lease_expires_at <= ? and renewal_asked_at is null", now.plus(settings.notice()))) {
            once(vm, () -> askForRenewal(vm, now));
        }
        for (VmInstance vm : leased("lease_expires_at <= ? and lease_stopped_at is null", now)) {
            once(vm, () -> expire(vm, now));
        }
        for (VmInstance vm : leased("lease_expires_at <= ? and lease_stopped_at is not null", now.minus(settings.grace()))) {
            once(vm, () -> decommission(vm));
        }
    }

    void checkNow() {
        check(clock.instant());
    }

    private void askForRenewal(VmInstance vm, Instant now) {
        jdbc.sql("update vm_instance set renewal_asked_at = ? where request_id = ? and vm_index = ?")
                .params(Timestamp.from(now), vm.requestId(), vm.vmIndex()).update();
        events.publishEvent(new LeaseRenewalDue(vm.requestId(), vm.vmIndex(), vm.tenantId(), vm.owner(), vm.leaseExpiresAt()));
    }

    private void expire(VmInstance vm, Instant now) {
        hypervisor.destroy(vm.host(), vm.domainName());
        Instant decommissionAt = vm.leaseExpiresAt().plus(settings.grace());
        jdbc.sql("update vm_instance set lease_stopped_at = ? where request_id = ? and vm_index = ?")
                .params(Timestamp.from(now), vm.requestId(), vm.vmIndex()).update();
        vms.state(vm.requestId(), vm.vmIndex(), VmState.STOPPED,
                "lease expired at " + vm.leaseExpiresAt() + "; decommissioned at " + decommissionAt + " unless renewed", now);
        events.publishEvent(new LeaseExpired(vm.requestId(), vm.vmIndex(), vm.tenantId(), decommissionAt));
    }

    private void decommission(VmInstance vm) {
        provisioning.decommission(vm.requestId(), "lease-expiry");
        quotas.release(vm.requestId());
        requests.completedResizesOf(vm.requestId()).forEach(quotas::release);
    }

    private List<VmInstance> leased(String condition, Instant bound) {
        return vms.leased(condition, bound);
    }

    /** Each VM in a transaction of its own: one host that does not answer holds up no other VM. */
    private void once(VmInstance vm, Runnable action) {
        try {
            transaction.executeWithoutResult(status -> action.run());
        } catch (RuntimeException e) {
            log.warn("lease of {} ({}#{}): {}", vm.domainName(), vm.requestId(), vm.vmIndex(), e.getMessage());
        }
    }
}
