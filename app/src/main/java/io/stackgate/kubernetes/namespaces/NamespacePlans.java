package io.stackgate.kubernetes.namespaces;

import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.Tenant;
import org.springframework.stereotype.Component;

/** The plan of one request's namespace, with the cluster's group prefix and the configured defaults. */
@Component
public class NamespacePlans {

    private final Clusters clusters;
    private final NamespaceProperties settings;

    NamespacePlans(Clusters clusters, NamespaceProperties settings) {
        this.clusters = clusters;
        this.settings = settings;
    }

    /** @param share the namespace's share of the project's quota; null (made before shares existed): the default */
    public NamespacePlan of(Tenant tenant, Project project, String cluster, String suffix, String requestId, Quota share) {
        return NamespacePlanner.plan(tenant, project, suffix, requestId, clusters.config(cluster).groupPrefix(),
                shareOrDefault(share), settings.podSecurityOf(project));
    }

    Quota shareOrDefault(Quota share) {
        return share != null ? share : settings.defaultQuota().quota();
    }

    /** The suffix a row's name has after {@code <tenant>-<project>}, or null. */
    public static String suffixOf(Namespaces.Row row) {
        String base = row.tenantId() + "-" + row.projectId();
        return row.name().equals(base) ? null : row.name().substring((base + "-").length());
    }
}
