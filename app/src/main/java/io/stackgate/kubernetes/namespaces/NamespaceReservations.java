package io.stackgate.kubernetes.namespaces;

import java.time.Clock;
import java.util.EnumSet;

import io.stackgate.kubernetes.NamespaceEvents.NamespaceShareRaised;
import io.stackgate.kubernetes.RbacSync;
import io.stackgate.kubernetes.cluster.Cluster;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.requests.NamespaceSpec;
import io.stackgate.requests.QuotaChangeSpec;
import io.stackgate.requests.RequestEvents.RequestStatusChanged;
import io.stackgate.requests.RequestEvents.RequestSubmitted;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.RequestStatus;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaRaised;
import io.stackgate.tenancy.QuotaService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A namespace request's name and share, from submit to the end: the name is held in the submitting transaction (a
 * unique key: of two requests for one name racing, the second fails with 400 on {@code spec.suffix} and leaves
 * nothing behind, its quota reservation rolled back with it) and freed when the request ends before its namespace is
 * made; an approved quota change naming the namespace grows its share, and its ResourceQuota once committed.
 */
@Component
class NamespaceReservations {

    private static final Logger log = LoggerFactory.getLogger(NamespaceReservations.class);
    private static final EnumSet<RequestStatus> ENDED_EARLY = EnumSet.of(RequestStatus.REJECTED, RequestStatus.CANCELLED,
            RequestStatus.FAILED);

    private final RequestService requests;
    private final Namespaces namespaces;
    private final Clusters clusters;
    private final NamespacePlans plans;
    private final QuotaService quotas;
    private final RbacSync sync;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NamespaceReservations(RequestService requests, Namespaces namespaces, Clusters clusters, NamespacePlans plans,
            QuotaService quotas, RbacSync sync, ApplicationEventPublisher events, Clock clock) {
        this.requests = requests;
        this.namespaces = namespaces;
        this.clusters = clusters;
        this.plans = plans;
        this.quotas = quotas;
        this.sync = sync;
        this.events = events;
        this.clock = clock;
    }

    /** In the submitting transaction: the request is stored, its quota reserved. */
    @EventListener
    void hold(RequestSubmitted submitted) {
        if (!"namespace".equals(submitted.type())) {
            return;
        }
        ResourceRequest request = requests.load(submitted.requestId());
        NamespaceSpec spec = (NamespaceSpec) request.spec();
        Cluster cluster = clusters.find(spec.cluster()).orElseThrow(
                () -> new IllegalStateException("no Kubernetes cluster " + spec.cluster()));
        String name = NamespacePlanner.namespaceName(request.tenantId(), request.projectId(), spec.suffix());
        try {
            namespaces.reserve(cluster.name(), name, request.tenantId(), request.projectId(), request.id(),
                    spec.quota() == null ? null : spec.quota().asQuota(), clock.instant());
        } catch (DuplicateKeyException taken) {
            throw new NamespaceTaken(name, cluster.name());
        }
    }

    /** A request that ended before its namespace was made frees the name. */
    @EventListener
    void free(RequestStatusChanged changed) {
        if (ENDED_EARLY.contains(changed.status()) && namespaces.dropReservation(changed.requestId())) {
            log.info("namespace name of request {} freed: the request is {}", changed.requestId(), changed.status());
        }
    }

    /**
     * In the transaction that raised the project's quota: a change naming a namespace grows its share by the CPU,
     * memory, disk and GPU amounts (the change's own reservation holds them); a namespace gone meanwhile frees them.
     */
    @EventListener
    void raise(QuotaRaised raised) {
        ResourceRequest change = requests.load(raised.requestId());
        if (!(change.spec() instanceof QuotaChangeSpec spec) || spec.namespace() == null) {
            return;
        }
        namespaces.ofRequest(spec.namespace()).filter(Namespaces.Row::live).ifPresentOrElse(row -> {
            Quota before = plans.shareOrDefault(row.share());
            if (namespaces.raiseShare(row.requestId(), change.id(), before, spec.demand(), clock.instant())) {
                events.publishEvent(new NamespaceShareRaised(row.requestId(), change.id(), row.tenantId(), row.cluster(),
                        row.name(), spec.demand(), before.plus(spec.demand()), clock.instant()));
            }
        }, () -> quotas.release(change.id()));
    }

    /** Once the raise is committed, the ResourceQuota follows (the periodic sync tries again should this fail). */
    @TransactionalEventListener(fallbackExecution = true)
    void applyRaisedShare(NamespaceShareRaised raised) {
        try {
            sync.sync(raised.cluster(), raised.namespace());
        } catch (RuntimeException e) {
            log.warn("the raised quota of namespace {} on {} is applied by the next sync: {}", raised.namespace(),
                    raised.cluster(), e.getMessage());
        }
    }
}
