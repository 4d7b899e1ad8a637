package io.stackgate.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.nodes.NodeWatch;
import io.stackgate.kubernetes.rbac.RbacWatch;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/kubernetes}: per cluster, whether the node watch (which tells joining nodes' processes that
 * they are Ready) and the RBAC watch have their watches open. DOWN while one is not: nodes then wait for the informer's
 * reconnect (or time out), and the periodic RBAC pass stands in for the watch.
 */
@Component("kubernetes")
class KubernetesHealth implements HealthIndicator {

    private final Clusters clusters;
    private final NodeWatch nodeWatch;
    private final ObjectProvider<RbacWatch> rbacWatch;

    KubernetesHealth(Clusters clusters, NodeWatch nodeWatch, ObjectProvider<RbacWatch> rbacWatch) {
        this.clusters = clusters;
        this.nodeWatch = nodeWatch;
        this.rbacWatch = rbacWatch;
    }

    @Override
    public Health health() {
        Map<String, Boolean> nodes = nodeWatch.watching();
        Map<String, Boolean> rbac = rbacWatch.stream().findFirst().map(RbacWatch::watching).orElse(null);
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (String cluster : clusters.names()) {
            Map<String, Object> state = new LinkedHashMap<>();
            boolean nodesWatched = nodes.getOrDefault(cluster, false);
            state.put("nodeWatch", nodesWatched);
            up &= nodesWatched;
            if (rbac != null) {
                boolean rbacWatched = rbac.getOrDefault(cluster, false);
                state.put("rbacWatch", rbacWatched);
                up &= rbacWatched;
            }
            details.put(cluster, state);
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
