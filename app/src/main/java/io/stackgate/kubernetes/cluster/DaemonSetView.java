package io.stackgate.kubernetes.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DaemonSet as far as it decides where its pods run: its node selector, the terms of its required node affinity and
 * its tolerations, with the images it would pull there.
 *
 * @param namespaceTenant the tenant whose namespace it is in ({@code stackgate.io/tenant}); null in a namespace of
 *                        no tenant (the cluster's own: kube-system, the CNI's)
 * @param requiredTerms   the required node affinity's terms: a node matching any one (all of its requirements) is
 *                        admitted; empty: no affinity
 */
public record DaemonSetView(String namespace, String name, String namespaceTenant, List<String> images,
        Map<String, String> nodeSelector, List<List<Requirement>> requiredTerms, List<Toleration> tolerations) {

    /**
     * Whether its pods may run on a tenant's nodes at all: those of the cluster's own namespaces and of the tenant's
     * own. Another tenant's are not: its namespace's PodTolerationRestriction whitelist admits that tenant's taint
     * only, so the DaemonSet controller's pods that tolerate this tenant's taint are refused — whatever tolerations
     * the DaemonSet object itself declares. (Nor may a refusal name them: they are another tenant's.)
     */
    public boolean mayRunOnNodesOf(String tenant) {
        return namespaceTenant == null || namespaceTenant.equals(tenant);
    }

    /** Whether its pods would run on a node with these labels and this taint (as the DaemonSet controller decides). */
    public boolean landsOn(Map<String, String> nodeLabels, ClusterNodes.Taint taint) {
        boolean selected = nodeSelector.entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(nodeLabels.get(entry.getKey())));
        boolean affine = requiredTerms.isEmpty()
                || requiredTerms.stream().anyMatch(term -> term.stream().allMatch(requirement -> requirement.matches(nodeLabels)));
        return selected && affine && tolerations.stream().anyMatch(toleration -> toleration.tolerates(taint));
    }

    /** A node selector requirement: {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}, {@code Gt}, {@code Lt}. */
    public record Requirement(String key, String operator, List<String> values) {

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                case "Gt" -> compare(value) > 0;
                case "Lt" -> compare(value) < 0;
                default -> false;
            };
        }

        /** The label's number against the one value; a label that is missing or no number matches neither way. */
        private int compare(String value) {
            try {
                return value == null || values.size() != 1 ? 0 : Long.compare(Long.parseLong(value), Long.parseLong(values.get(0)));
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
    }

    /** A toleration; an empty operator is {@code Equal}, an empty effect matches every effect. */
    public record Toleration(String key, String operator, String value, String effect) {

        boolean tolerates(ClusterNodes.Taint taint) {
            boolean effect = this.effect == null || this.effect.isEmpty() || this.effect.equals(taint.effect());
            if (key == null || key.isEmpty()) {
                return "Exists".equals(operator) && effect;
            }
            if (!key.equals(taint.key())) {
                return false;
            }
            return effect && ("Exists".equals(operator) || Objects.equals(value, taint.value()));
        }
    }
}
