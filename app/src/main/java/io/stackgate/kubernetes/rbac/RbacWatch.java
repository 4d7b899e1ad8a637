package io.stackgate.kubernetes.rbac;


import io.stackgate.kubernetes.RbacSync;
import io.stackgate.kubernetes.cluster.ClusterWatches;
import io.stackgate.kubernetes.cluster.Clusters;
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
public class RbacWatch {

    private static final Logger log = LoggerFactory.getLogger(RbacWatch.class);

    private final Clusters clusters;
    private final RbacSync sync;
    private final ClusterWatches watches = new ClusterWatches("RoleBindings");

    RbacWatch(Clusters clusters, RbacSync sync) {
        this.clusters = clusters;
        this.sync = sync;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        watches.start(clusters, (name, cluster) -> cluster.watchDeclarations(namespace -> touched(name, namespace)));
    }

    private void touched(String cluster, String namespace) {
        try {
            sync.sync(cluster, namespace);
        } catch (RuntimeException e) {
            log.warn("namespace {} on {} could not be restored now (the next full pass tries again): {}", namespace,
                    cluster, e.getMessage());
        }
    }

    /** Per cluster: whether its watch is open now. */
    public java.util.Map<String, Boolean> watching() {
        return watches.watching();
    }

    @PreDestroy
    void stop() {
        watches.close();
    }
}
