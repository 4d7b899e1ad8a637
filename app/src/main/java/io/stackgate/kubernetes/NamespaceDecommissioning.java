package io.stackgate.kubernetes;

import java.time.Clock;

import io.stackgate.compute.DecommissionTarget;
import io.stackgate.requests.NamespaceSpec;
import io.stackgate.requests.ResourceRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** A decommissioned namespace request: its namespace is deleted on its cluster (with everything in it). */
@Component
class NamespaceDecommissioning implements DecommissionTarget {

    /** The namespace of a request was deleted by a decommission. */
    public record NamespaceDeleted(String requestId, String tenantId, String cluster, String namespace, String byRequest,
            java.time.Instant at) {
    }

    private final Namespaces namespaces;
    private final Clusters clusters;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    NamespaceDecommissioning(Namespaces namespaces, Clusters clusters, ApplicationEventPublisher events) {
        this.namespaces = namespaces;
        this.clusters = clusters;
        this.events = events;
    }

    @Override
    public boolean handles(ResourceRequest target) {
        return target.spec() instanceof NamespaceSpec;
    }

    @Override
    public void decommission(ResourceRequest target, String byRequest) {
        namespaces.ofRequest(target.id()).filter(row -> !"DELETED".equals(row.state())).ifPresent(row -> {
            Cluster cluster = clusters.find(row.cluster())
                    .orElseThrow(() -> new IllegalStateException("cluster " + row.cluster() + " is no longer configured"));
            cluster.deleteNamespace(row.name());
            namespaces.state(target.id(), "DELETED", "decommissioned by request " + byRequest, clock.instant());
            events.publishEvent(new NamespaceDeleted(target.id(), row.tenantId(), row.cluster(), row.name(), byRequest,
                    clock.instant()));
        });
    }
}
