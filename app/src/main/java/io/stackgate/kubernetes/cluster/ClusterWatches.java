package io.stackgate.kubernetes.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One watch per configured cluster, started together, reported on and closed together. */
public final class ClusterWatches {

    private static final Logger log = LoggerFactory.getLogger(ClusterWatches.class);

    private final String what;
    private final Map<String, Watch> watches = new LinkedHashMap<>();

    /** @param what what is watched, for the log ("nodes", "RoleBindings") */
    public ClusterWatches(String what) {
        this.what = what;
    }

    /** Starts {@code start}'s watch for every cluster; one that cannot even start is logged and left out. */
    public synchronized void start(Clusters clusters, BiFunction<String, Cluster, Watch> start) {
        for (String name : clusters.names()) {
            try {
                watches.put(name, start.apply(name, clusters.find(name).orElseThrow()));
            } catch (RuntimeException unreachable) {
                log.warn("cannot watch the {} of cluster {}: {}", what, name, unreachable.getMessage());
            }
        }
    }

    /** Per cluster: whether its watch is open now; a cluster whose watch could not even start is missing. */
    public synchronized Map<String, Boolean> watching() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        watches.forEach((cluster, watch) -> states.put(cluster, watch.watching()));
        return states;
    }

    public synchronized void close() {
        watches.values().forEach(Watch::close);
        watches.clear();
    }
}
