package io.stackgate.kubernetes.rbac;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.stackgate.kubernetes.NamespaceEvents.NamespaceCorrected;
import io.stackgate.kubernetes.RbacSync;
import io.stackgate.kubernetes.cluster.Cluster;
import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import io.stackgate.kubernetes.namespaces.NamespacePlans;
import io.stackgate.kubernetes.namespaces.Namespaces;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import io.stackgate.tenancy.TenantsConfigReloaded;
import io.stackgate.tenancy.TenantsConfigVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Keeps every active project namespace as tenants-config and its request declare it: after each tenants-config reload
 * and periodically, the live labels (Pod Security's among them), RoleBindings and quota are compared with the plan;
 * what differs (a binding deleted or edited behind the platform's back, a label changed, a mapping or pod security
 * level changed in the config, a share raised by a quota change) is applied again by server-side apply — fields other
 * managers own are left alone — and each correction is published for the audit log. Each pass and each restore first
 * converges on the newest stored tenants-config version, so that no instance acts on a config that another instance's
 * reload replaced.
 */
@Service
class NamespaceDeclarations implements RbacSync {

    private static final Logger log = LoggerFactory.getLogger(NamespaceDeclarations.class);

    private final Namespaces namespaces;
    private final Clusters clusters;
    private final Tenants tenants;
    private final TenantsConfigVersion configVersion;
    private final NamespacePlans plans;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NamespaceDeclarations(Namespaces namespaces, Clusters clusters, Tenants tenants, TenantsConfigVersion configVersion,
            NamespacePlans plans, ApplicationEventPublisher events, Clock clock) {
        this.namespaces = namespaces;
        this.clusters = clusters;
        this.tenants = tenants;
        this.configVersion = configVersion;
        this.plans = plans;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void onReload(TenantsConfigReloaded reloaded) {
        syncAll();
    }

    @Override
    public List<NamespaceCorrected> syncAll() {
        configVersion.converge(); // never apply a config that another instance's reload replaced
        List<NamespaceCorrected> corrections = new ArrayList<>();
        for (Namespaces.Row row : namespaces.active()) {
            try {
                corrections.addAll(sync(row));
            } catch (RuntimeException e) {
                log.warn("namespace {} on {} could not be checked: {}", row.name(), row.cluster(), e.getMessage());
            }
        }
        return corrections;
    }

    @Override
    public List<NamespaceCorrected> sync(String cluster, String namespace) {
        configVersion.converge(); // never restore what another instance's reload changed
        return namespaces.active().stream().filter(row -> row.cluster().equals(cluster) && row.name().equals(namespace))
                .findFirst().map(this::sync).orElse(List.of());
    }

    private List<NamespaceCorrected> sync(Namespaces.Row row) {
        Optional<Cluster> cluster = clusters.find(row.cluster());
        Optional<Tenant> tenant = tenants.find(row.tenantId());
        Optional<Project> project = tenant.flatMap(t -> t.project(row.projectId()));
        if (cluster.isEmpty() || project.isEmpty()) {
            return List.of();
        }
        NamespacePlan plan = plans.of(tenant.get(), project.get(), row.cluster(), NamespacePlans.suffixOf(row),
                row.requestId(), row.share());
        Optional<Cluster.NamespaceState> live = cluster.get().namespace(row.name());
        List<NamespaceCorrected> corrections = new ArrayList<>();
        if (live.isPresent() && !row.requestId().equals(live.get().requestLabel())) {
            // made by someone else after this request's namespace went: never adopted (a decommission would delete it)
            log.warn("namespace {} on {} was not made for request {} (its label names {}): left alone", row.name(),
                    row.cluster(), row.requestId(), live.get().requestLabel());
            return List.of();
        }
        if (live.isEmpty()) {
            cluster.get().applyNamespace(plan);
            corrections.add(corrected(row, "namespace recreated"));
        } else if (!declaredLabelsIn(plan, live.get())) {
            cluster.get().applyNamespace(plan);
            corrections.add(corrected(row, "labels " + live.get().labels() + " -> " + plan.labels()));
        }
        List<NamespacePlan.Binding> bindings = live.map(Cluster.NamespaceState::roleBindings).orElse(List.of());
        if (!new HashSet<>(bindings).equals(new HashSet<>(plan.roleBindings()))) {
            cluster.get().applyRoleBindings(plan);
            corrections.add(corrected(row, "role bindings " + bindings + " -> " + plan.roleBindings()));
        }
        Map<String, String> hard = live.map(Cluster.NamespaceState::quotaHard).orElse(Map.of());
        if (!normalised(hard).equals(normalised(plan.quota()))) {
            cluster.get().applyQuota(plan);
            corrections.add(corrected(row, "quota " + hard + " -> " + plan.quota()));
        }
        corrections.forEach(events::publishEvent);
        return corrections;
    }

    private NamespaceCorrected corrected(Namespaces.Row row, String what) {
        log.info("namespace {} on {}: {}", row.name(), row.cluster(), what);
        return new NamespaceCorrected(row.tenantId(), row.cluster(), row.name(), what, clock.instant());
    }

    private static boolean declaredLabelsIn(NamespacePlan plan, Cluster.NamespaceState live) {
        Map<String, String> labels = live.labels() == null ? Map.of() : live.labels();
        return plan.labels().entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    }

    /** Quantities as the API server normalises them ("16" stays, "32768Mi" may come back as "32Gi"). */
    private static Map<String, java.math.BigDecimal> normalised(Map<String, String> amounts) {
        Map<String, java.math.BigDecimal> values = new java.util.TreeMap<>();
        amounts.forEach((key, value) -> values.put(key,
                io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(new io.fabric8.kubernetes.api.model.Quantity(value))));
        return values;
    }
}
