package io.stackgate.kubernetes.namespaces;

import java.time.Clock;

import io.stackgate.compute.DecommissionTarget;
import io.stackgate.kubernetes.NamespaceEvents.NamespaceDeleted;
import io.stackgate.kubernetes.cluster.Cluster;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.requests.NamespaceSpec;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.QuotaService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A decommissioned namespace request: its namespace is deleted on its cluster (with everything in it) — only if the
 * live namespace carries this request's label, so that a namespace of the same name another request made later is
 * never touched — and what the quota changes that grew its share hold is freed (the decommission's own "Release
 * quota" step frees the request's share).
 */
@Component
class NamespaceDecommissioning implements DecommissionTarget {

    private static final Logger log = LoggerFactory.getLogger(NamespaceDecommissioning.class);

    private final Namespaces namespaces;
    private final Clusters clusters;
    private final QuotaService quotas;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NamespaceDecommissioning(Namespaces namespaces, Clusters clusters, QuotaService quotas,
            ApplicationEventPublisher events, Clock clock) {
        this.namespaces = namespaces;
        this.clusters = clusters;
        this.quotas = quotas;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean handles(ResourceRequest target) {
        return target.spec() instanceof NamespaceSpec;
    }

    @Override
    public void decommission(ResourceRequest target, String byRequest) {
        namespaces.ofRequest(target.id()).filter(row -> !Namespaces.DELETED.equals(row.state())).ifPresent(row -> {
            Cluster cluster = clusters.find(row.cluster())
                    .orElseThrow(() -> new IllegalStateException("cluster " + row.cluster() + " is no longer configured"));
            if (!cluster.deleteNamespace(row.name(), target.id())) {
                log.info("namespace {} on {} is gone or not request {}'s: left alone", row.name(), row.cluster(),
                        target.id());
            }
            namespaces.state(target.id(), Namespaces.DELETED, "decommissioned by request " + byRequest, clock.instant());
            events.publishEvent(new NamespaceDeleted(target.id(), row.tenantId(), row.cluster(), row.name(), byRequest,
                    clock.instant()));
        });
        namespaces.quotaChangesOf(target.id()).forEach(quotas::release);
    }
}
