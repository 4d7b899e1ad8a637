package io.stackgate.kubernetes.fabric8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackgate.kubernetes.cluster.DaemonSetView;
import io.stackgate.kubernetes.cluster.NamespacePlan;

/** The cluster's DaemonSets as {@link DaemonSetView}s, each with the tenant of its namespace. */
final class DaemonSets {

    private final KubernetesClient client;

    DaemonSets(KubernetesClient client) {
        this.client = client;
    }

    List<DaemonSetView> list() {
        Map<String, String> tenantOf = new java.util.HashMap<>();
        client.namespaces().withLabel(NamespacePlan.TENANT_LABEL).list().getItems().forEach(namespace ->
                tenantOf.put(namespace.getMetadata().getName(), namespace.getMetadata().getLabels().get(NamespacePlan.TENANT_LABEL)));
        return client.apps().daemonSets().inAnyNamespace().list().getItems().stream()
                .map(daemonSet -> view(daemonSet, tenantOf.get(daemonSet.getMetadata().getNamespace()))).toList();
    }

    private static DaemonSetView view(DaemonSet daemonSet, String namespaceTenant) {
        PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
        List<String> images = new ArrayList<>();
        pod.getInitContainers().forEach(container -> images.add(container.getImage()));
        pod.getContainers().forEach(container -> images.add(container.getImage()));
        List<DaemonSetView.Toleration> tolerations = pod.getTolerations().stream().map(toleration ->
                new DaemonSetView.Toleration(toleration.getKey(), toleration.getOperator(), toleration.getValue(),
                        toleration.getEffect())).toList();
        List<List<DaemonSetView.Requirement>> terms = new ArrayList<>();
        if (pod.getAffinity() != null && pod.getAffinity().getNodeAffinity() != null
                && pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            for (NodeSelectorTerm term : pod.getAffinity().getNodeAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()) {
                terms.add(term.getMatchExpressions().stream().map(requirement -> new DaemonSetView.Requirement(
                        requirement.getKey(), requirement.getOperator(), requirement.getValues())).toList());
            }
        }
        return new DaemonSetView(daemonSet.getMetadata().getNamespace(), daemonSet.getMetadata().getName(), namespaceTenant,
                images.stream().distinct().toList(), pod.getNodeSelector() == null ? Map.of() : Map.copyOf(pod.getNodeSelector()),
                terms, tolerations);
    }
}
