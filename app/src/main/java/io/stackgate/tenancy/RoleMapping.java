package io.stackgate.tenancy;

/**
 * One line of a project's RBAC mapping: members of {@code group} get {@code role} in the project and
 * the Kubernetes ClusterRole {@code clusterRole} ({@code admin|edit|view}) in each of its namespaces.
 */
public record RoleMapping(String group, ProjectRole role, String clusterRole) {
}
