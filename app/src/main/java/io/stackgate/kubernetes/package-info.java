/**
 * Kubernetes: project namespaces (quota, limits, network policy, RoleBindings from the role mapping) and worker node
 * pools (bootstrap tokens, join, label and taint, drain), kept as declared. Its public face: {@link
 * io.stackgate.kubernetes.RbacSync} and the events of {@link io.stackgate.kubernetes.NamespaceEvents} and {@link
 * io.stackgate.kubernetes.NodeEvents}; everything else is inside: {@code cluster} (the port to a cluster and the
 * configured clusters), {@code fabric8} (its adapter), {@code demo} (the embedded default's mock cluster),
 * {@code namespaces}, {@code nodes}, {@code rbac} and {@code registry} (which platforms an image is published for).
 * Requests, compute and tenancy reach it through their own ports ({@code SpecCheck}, {@code VmTemplates},
 * {@code DecommissionTarget}, {@code ResourceSource}) and the BPMN delegates.
 */
package io.stackgate.kubernetes;
