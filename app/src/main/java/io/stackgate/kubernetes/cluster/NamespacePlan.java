package io.stackgate.kubernetes.cluster;

import java.util.List;
import java.util.Map;

/**
 * Everything Stackgate declares in one project namespace, computed from tenants-config and its request: the namespace
 * and its labels (Pod Security Admission's among them), a ResourceQuota from the namespace's share of the project's
 * quota and a LimitRange, a NetworkPolicy that admits traffic only from the
 * tenant's own namespaces, and one RoleBinding per mapped Keycloak group. The cluster adapter applies it with
 * server-side apply under Stackgate's own field manager.
 *
 * @param quota       ResourceQuota {@code spec.hard}, e.g. {@code requests.cpu: "16"}
 * @param limitRange  container defaults: {@code default} (limits) and {@code defaultRequest}
 */
public record NamespacePlan(String name, Map<String, String> labels, Map<String, String> quota,
        Map<String, Map<String, String>> limitRange, List<Binding> roleBindings, String tenantLabelValue) {

    /** Label keys Stackgate puts on what it manages. */
    public static final String TENANT_LABEL = "stackgate.io/tenant";
    public static final String PROJECT_LABEL = "stackgate.io/project";
    public static final String REQUEST_LABEL = "stackgate.io/request";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    /** Pod Security Admission's labels: {@code <prefix>enforce}, {@code …enforce-version}, {@code …warn}, … */
    public static final String POD_SECURITY_PREFIX = "pod-security.kubernetes.io/";
    public static final String QUOTA_NAME = "stackgate-quota";
    public static final String LIMIT_RANGE_NAME = "stackgate-limits";
    public static final String NETWORK_POLICY_NAME = "stackgate-tenant-isolation";

    public NamespacePlan {
        labels = Map.copyOf(labels);
        quota = Map.copyOf(quota);
        limitRange = Map.copyOf(limitRange);
        roleBindings = List.copyOf(roleBindings);
    }

    /**
     * The namespace's annotations for the API server's PodTolerationRestriction admission plugin: pods created in it
     * tolerate the taint of their tenant's own worker nodes ({@code stackgate.io/tenant=<tenant>:NoSchedule}) by
     * default, and may tolerate nothing else but the node-lifecycle taints — so they may run on the tenant's nodes, and
     * no other tenant's pods can tolerate their way onto them. To keep a tenant's pods on its own nodes as well, the
     * cluster admin enables PodNodeSelector and sets {@code scheduler.alpha.kubernetes.io/node-selector:
     * stackgate.io/tenant=<tenant>} (README: Kubernetes).
     */
    public Map<String, String> annotations() {
        String tenant = "{\"key\":\"" + TENANT_LABEL + "\",\"operator\":\"Equal\",\"value\":\"" + tenantLabelValue
                + "\",\"effect\":\"NoSchedule\"}";
        // what the API server itself adds: DefaultTolerationSeconds, and PodTolerationRestriction for pods that are not
        // best-effort
        String lifecycle = "{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\"},"
                + "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\"},"
                + "{\"key\":\"node.kubernetes.io/memory-pressure\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"},"
                // and what the DaemonSet controller adds to its pods
                + "{\"key\":\"node.kubernetes.io/disk-pressure\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"},"
                + "{\"key\":\"node.kubernetes.io/pid-pressure\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"},"
                + "{\"key\":\"node.kubernetes.io/unschedulable\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"},"
                + "{\"key\":\"node.kubernetes.io/network-unavailable\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}";
        return Map.of("scheduler.alpha.kubernetes.io/defaultTolerations", "[" + tenant + "]",
                "scheduler.alpha.kubernetes.io/tolerationsWhitelist", "[" + tenant + "," + lifecycle + "]");
    }

    /**
     * @param name        {@code stackgate-<clusterRole>-<hash of the group>}: stable while the mapping stands
     * @param group       the group as the API server sees it: the cluster's OIDC prefix + the Keycloak path
     * @param clusterRole {@code admin}, {@code edit} or {@code view}
     */
    public record Binding(String name, String group, String clusterRole) {
    }
}
