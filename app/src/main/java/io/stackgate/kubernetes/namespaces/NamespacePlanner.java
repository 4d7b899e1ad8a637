package io.stackgate.kubernetes.namespaces;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.stackgate.errors.InvalidInput;
import io.stackgate.kubernetes.cluster.NamespacePlan;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.RoleMapping;
import io.stackgate.tenancy.Tenant;

/**
 * Turns a tenant project (and an optional suffix) into the {@link NamespacePlan} of its namespace. Pure: no cluster
 * involved, so the rules can be read and tested on their own.
 */
final class NamespacePlanner {

    /** DNS-1123 label: what Kubernetes accepts as a namespace name. */
    static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private NamespacePlanner() {
    }

    /** {@code <tenant>-<project>[-<suffix>]}, refused (naming the field) unless it is a DNS-1123 label of ≤ 63. */
    static String namespaceName(String tenant, String project, String suffix) {
        String name = tenant + "-" + project + (suffix == null || suffix.isEmpty() ? "" : "-" + suffix);
        if (name.length() > 63 || !DNS_1123_LABEL.matcher(name).matches()) {
            throw new InvalidInput("spec.suffix", "namespace name " + name + " is not a DNS-1123 label of at most 63 characters");
        }
        return name;
    }

    /**
     * @param share       the namespace's share of the project's quota: its ResourceQuota
     * @param podSecurity the Pod Security Standard it enforces, warns and audits at (the project's or the default)
     */
    static NamespacePlan plan(Tenant tenant, Project project, String suffix, String requestId, String groupPrefix,
            Quota share, String podSecurity) {
        String name = namespaceName(tenant.id(), project.id(), suffix);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NamespacePlan.TENANT_LABEL, tenant.id());
        labels.put(NamespacePlan.PROJECT_LABEL, project.id());
        if (requestId != null) {
            labels.put(NamespacePlan.REQUEST_LABEL, requestId);
        }
        labels.put(NamespacePlan.MANAGED_BY_LABEL, "stackgate");
        labels.putAll(podSecurity(podSecurity));
        return new NamespacePlan(name, labels, quota(share), limitRange(), bindings(project.roleMappings(), groupPrefix),
                tenant.id());
    }

    /**
     * Pod Security Admission's labels: the level is enforced (pods that break it are refused), and warned about and
     * audited at the same level, so that a Deployment whose pods would be refused is flagged when it is applied, not
     * only when its ReplicaSet fails to make pods; {@code latest}: the policy of the API server's own version.
     */
    static Map<String, String> podSecurity(String level) {
        if (!List.of("privileged", "baseline", "restricted").contains(level)) {
            throw new IllegalArgumentException("no Pod Security Standard " + level);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String mode : List.of("enforce", "warn", "audit")) {
            labels.put(NamespacePlan.POD_SECURITY_PREFIX + mode, level);
            labels.put(NamespacePlan.POD_SECURITY_PREFIX + mode + "-version", "latest");
        }
        return labels;
    }

    /** The namespace's share of the project's compute quota as its hard limits; GPUs as NVIDIA's extended resource. */
    static Map<String, String> quota(Quota quota) {
        Map<String, String> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", String.valueOf(quota.vcpus()));
        hard.put("limits.cpu", String.valueOf(quota.vcpus()));
        hard.put("requests.memory", quota.memoryMiB() + "Mi");
        hard.put("limits.memory", quota.memoryMiB() + "Mi");
        hard.put("requests.storage", quota.diskGiB() + "Gi");
        hard.put("requests.nvidia.com/gpu", String.valueOf(quota.gpus()));
        return hard;
    }

    /** With a quota on cpu and memory every container must state them; these defaults fill in what it leaves out. */
    static Map<String, Map<String, String>> limitRange() {
        return Map.of("default", Map.of("cpu", "500m", "memory", "512Mi"),
                "defaultRequest", Map.of("cpu", "100m", "memory", "128Mi"));
    }

    static List<NamespacePlan.Binding> bindings(List<RoleMapping> mappings, String groupPrefix) {
        return mappings.stream()
                .map(mapping -> new NamespacePlan.Binding(
                        "stackgate-" + mapping.clusterRole() + "-" + shortHash(mapping.group()),
                        groupPrefix + mapping.group(), mapping.clusterRole()))
                .distinct()
                .toList();
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
