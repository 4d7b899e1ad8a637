package io.stackgate.kubernetes.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to one Kubernetes cluster. Applying is declarative and idempotent (server-side apply under Stackgate's
 * own field manager): what others manage on the same objects is left alone.
 */
public interface Cluster {

    String FIELD_MANAGER = "stackgate";

    String name();

    /** The namespace with its labels. */
    void applyNamespace(NamespacePlan plan);

    /** ResourceQuota and LimitRange of the plan. */
    void applyQuota(NamespacePlan plan);

    /** The NetworkPolicy admitting traffic only from namespaces of the same tenant. */
    void applyNetworkPolicy(NamespacePlan plan);

    /** The plan's RoleBindings; Stackgate's bindings the plan no longer names are deleted. */
    void applyRoleBindings(NamespacePlan plan);

    /**
     * Deletes the namespace (with everything in it) if it was made for this request (its {@code stackgate.io/request}
     * label); answers whether it did: false when it is gone already or belongs to someone else, which is left alone.
     */
    boolean deleteNamespace(String name, String requestId);

    Optional<NamespaceState> namespace(String name);

    /**
     * Calls the listener with the namespace of every Stackgate RoleBinding or ResourceQuota that is changed or deleted,
     * and of every Stackgate namespace whose labels change (a fabric8 informer each), so that the declared state can be
     * restored at once.
     */
    Watch watchDeclarations(java.util.function.Consumer<String> namespaceTouched);

    /** Worker nodes, their bootstrap tokens and what runs on every node. */
    ClusterNodes nodes();

    /** What a namespace holds of Stackgate's declarations, as the API server has them. */
    record NamespaceState(String name, Map<String, String> labels, String phase, Map<String, String> quotaHard,
            List<NamespacePlan.Binding> roleBindings) {

        /** The request it was made for ({@code stackgate.io/request}); null when it carries none. */
        public String requestLabel() {
            return labels == null ? null : labels.get(NamespacePlan.REQUEST_LABEL);
        }
    }
}
