package io.stackgate.kubernetes;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Restores a project namespace's declared RoleBindings and quota the moment one is edited or deleted behind the
 * platform's back (informers on every cluster); {@link RbacSyncSchedule}'s periodic full pass catches what a watch
 * missed while it was down. On with {@code stackgate.kubernetes.sync.enabled}.
 */
@Component
@ConditionalOnProperty(name = "stackgate.kubernetes.sync.enabled", havingValue = "true")
class RbacWatch {

    private static final Logger log = LoggerFactory.getLogger(RbacWatch.class);

    private final Clusters clusters;
    private final RbacSync sync;
    private final java.util.Map<String, Watch> watches = new java.util.LinkedHashMap<>();

    RbacWatch(Clusters clusters, RbacSync sync) {
        this.clusters = clusters;
        this.sync = sync;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        for (String name : clusters.names()) {
            try {
                watches.put(name, clusters.find(name).orElseThrow().watchDeclarations(namespace -> touched(name, namespace)));
            } catch (RuntimeException unreachable) {
                log.warn("cannot watch the RoleBindings of cluster {}: {}", name, unreachable.getMessage());
            }
        }
    }

    private void touched(String cluster, String namespace) {
        try {
            sync.sync(cluster, namespace);
        } catch (RuntimeException e) {
            log.warn("namespace {} on {} could not be restored now (the next full pass tries again): {}", namespace,
                    cluster, e.getMessage());
        }
    }

    /** Per cluster: whether its watch is open now; a cluster whose watch could not even start is missing. */
    synchronized java.util.Map<String, Boolean> watching() {
        java.util.Map<String, Boolean> states = new java.util.LinkedHashMap<>();
        watches.forEach((cluster, watch) -> states.put(cluster, watch.watching()));
        return states;
    }

    @PreDestroy
    synchronized void stop() {
        watches.values().forEach(Watch::close);
        watches.clear();
    }
}
