package io.stackgate.kubernetes.fabric8;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackgate.kubernetes.cluster.Cluster;
import io.stackgate.kubernetes.cluster.ClusterNodes;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import io.stackgate.kubernetes.cluster.Watch;

/** {@link Cluster} through the fabric8 client. */
public class Fabric8Cluster implements Cluster {

    private final String name;
    private final KubernetesClient client;
    private final ClusterNodes nodes;

    public Fabric8Cluster(String name, KubernetesClient client, java.time.Clock clock) {
        this.name = name;
        this.client = client;
        this.nodes = new Fabric8Nodes(client, clock);
    }

    @Override
    public Watch watchDeclarations(java.util.function.Consumer<String> namespaceTouched) {
        var bindings = watch(client.rbac().roleBindings().inAnyNamespace()
                .withLabel(NamespacePlan.MANAGED_BY_LABEL, "stackgate").runnableInformer(0),
                binding -> java.util.List.of(binding.getMetadata().getLabels(), binding.getSubjects(), binding.getRoleRef()),
                namespaceTouched, false);
        // a quota's status changes with every pod; only its spec and labels are declared
        var quotas = watch(client.resourceQuotas().inAnyNamespace()
                .withLabel(NamespacePlan.MANAGED_BY_LABEL, "stackgate").runnableInformer(0),
                quota -> java.util.List.of(quota.getMetadata().getLabels(), quota.getSpec()), namespaceTouched, false);
        // the labels carry the Pod Security level
        var labelled = watch(client.namespaces().withLabel(NamespacePlan.MANAGED_BY_LABEL, "stackgate").runnableInformer(0),
                namespace -> namespace.getMetadata().getLabels(), namespaceTouched, true);
        return new Watch() {
            @Override
            public boolean watching() {
                return bindings.watching() && quotas.watching() && labelled.watching();
            }

            @Override
            public void close() {
                bindings.close();
                quotas.close();
                labelled.close();
            }
        };
    }

    /**
     * Starts the informer, which passes on the namespace of an object whose declared part changed, or that went (one
     * that appears is what Stackgate just made); an API server that does not answer is tried again while it lives.
     *
     * @param namespaces the objects are namespaces: pass on their own name (a deleted one is the sync's to recreate)
     */
    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Watch watch(
            io.fabric8.kubernetes.client.informers.SharedIndexInformer<T> informer,
            java.util.function.Function<T, Object> declared, java.util.function.Consumer<String> listener,
            boolean namespaces) {
        java.util.function.Function<T, String> namespaceOf = object -> namespaces ? object.getMetadata().getName()
                : object.getMetadata().getNamespace();
        informer.addEventHandler(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
            }

            @Override
            public void onUpdate(T old, T object) {
                if (!java.util.Objects.equals(declared.apply(old), declared.apply(object))) {
                    listener.accept(namespaceOf.apply(object));
                }
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                if (!namespaces) {
                    listener.accept(namespaceOf.apply(object));
                }
            }
        });
        informer.exceptionHandler((started, failure) -> true);
        informer.start();
        return Informers.watch(informer);
    }

    @Override
    public ClusterNodes nodes() {
        return nodes;
    }

    /**
     * Server-side apply. The demo cluster (fabric8's CRUD mock) does not speak it: it answers 404 for an object it does
     * not have (then the object is created) and 415 for one it has (then it is replaced). A real API server never
     * answers 404 to an apply of an object whose namespace exists, nor 415 (apply is served since 1.16).
     */
    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> void apply(
            io.fabric8.kubernetes.client.dsl.Resource<T> resource) {
        try {
            resource.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() == 404) {
                resource.create();
            } else if (e.getCode() == 415) {
                resource.createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
            } else {
                throw e;
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void applyNamespace(NamespacePlan plan) {
        apply(client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(plan.name())
                .withLabels(plan.labels()).withAnnotations(plan.annotations()).endMetadata().build()));
    }

    @Override
    public void applyQuota(NamespacePlan plan) {
        Map<String, Quantity> hard = quantities(plan.quota());
        apply(client.resourceQuotas().inNamespace(plan.name()).resource(new ResourceQuotaBuilder().withNewMetadata()
                .withName(NamespacePlan.QUOTA_NAME).withLabels(managed()).endMetadata()
                .withNewSpec().withHard(hard).endSpec().build()));
        apply(client.limitRanges().inNamespace(plan.name()).resource(new LimitRangeBuilder().withNewMetadata()
                .withName(NamespacePlan.LIMIT_RANGE_NAME).withLabels(managed()).endMetadata()
                .withNewSpec().withLimits(new LimitRangeItemBuilder().withType("Container")
                        .withDefault(quantities(plan.limitRange().get("default")))
                        .withDefaultRequest(quantities(plan.limitRange().get("defaultRequest"))).build())
                .endSpec().build()));
    }

    @Override
    public void applyNetworkPolicy(NamespacePlan plan) {
        apply(client.network().v1().networkPolicies().inNamespace(plan.name()).resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName(NamespacePlan.NETWORK_POLICY_NAME).withLabels(managed()).endMetadata()
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress().addNewFrom().withNewNamespaceSelector()
                .withMatchLabels(Map.of(NamespacePlan.TENANT_LABEL, plan.tenantLabelValue()))
                .endNamespaceSelector().endFrom().endIngress()
                .endSpec().build()));
    }

    @Override
    public void applyRoleBindings(NamespacePlan plan) {
        for (NamespacePlan.Binding binding : plan.roleBindings()) {
            apply(client.rbac().roleBindings().inNamespace(plan.name()).resource(new RoleBindingBuilder().withNewMetadata()
                    .withName(binding.name()).withLabels(managed()).endMetadata()
                    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                    .withName(binding.clusterRole()).endRoleRef()
                    .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group")
                    .withName(binding.group()).endSubject()
                    .build()));
        }
        List<String> declared = plan.roleBindings().stream().map(NamespacePlan.Binding::name).toList();
        for (RoleBinding existing : client.rbac().roleBindings().inNamespace(plan.name())
                .withLabel(NamespacePlan.MANAGED_BY_LABEL, "stackgate").list().getItems()) {
            if (!declared.contains(existing.getMetadata().getName())) {
                client.rbac().roleBindings().inNamespace(plan.name()).withName(existing.getMetadata().getName()).delete();
            }
        }
    }

    @Override
    public boolean deleteNamespace(String namespace, String requestId) {
        Namespace found = client.namespaces().withName(namespace).get();
        if (found == null || found.getMetadata().getLabels() == null
                || !requestId.equals(found.getMetadata().getLabels().get(NamespacePlan.REQUEST_LABEL))) {
            return false;
        }
        // only the namespace just read: should it have been replaced meanwhile, the API server refuses (409)
        client.namespaces().withName(namespace).lockResourceVersion(found.getMetadata().getResourceVersion()).delete();
        return true;
    }

    @Override
    public Optional<NamespaceState> namespace(String namespace) {
        Namespace found = client.namespaces().withName(namespace).get();
        if (found == null) {
            return Optional.empty();
        }
        ResourceQuota quota = client.resourceQuotas().inNamespace(namespace).withName(NamespacePlan.QUOTA_NAME).get();
        Map<String, String> hard = new java.util.TreeMap<>();
        if (quota != null && quota.getSpec() != null && quota.getSpec().getHard() != null) {
            quota.getSpec().getHard().forEach((key, value) -> hard.put(key, value.toString()));
        }
        List<NamespacePlan.Binding> bindings = client.rbac().roleBindings().inNamespace(namespace)
                .withLabel(NamespacePlan.MANAGED_BY_LABEL, "stackgate").list().getItems().stream()
                .flatMap(binding -> binding.getSubjects().stream().map(subject -> new NamespacePlan.Binding(
                        binding.getMetadata().getName(), subject.getName(), binding.getRoleRef().getName())))
                .toList();
        return Optional.of(new NamespaceState(namespace, found.getMetadata().getLabels(),
                found.getStatus() == null ? null : found.getStatus().getPhase(), hard, bindings));
    }

    private static Map<String, String> managed() {
        return Map.of(NamespacePlan.MANAGED_BY_LABEL, "stackgate");
    }

    private static Map<String, Quantity> quantities(Map<String, String> amounts) {
        Map<String, Quantity> quantities = new java.util.LinkedHashMap<>();
        amounts.forEach((key, value) -> quantities.put(key, new Quantity(value)));
        return quantities;
    }
}
