package io.stackgate.kubernetes;

import java.util.List;

import io.stackgate.kubernetes.NamespaceEvents.NamespaceCorrected;


/**
 * Keeps every active project namespace as tenants-config and its request declare it (labels, RoleBindings, quota):
 * after each tenants-config reload, periodically and when a watch sees a declared object touched. Each correction is
 * published as a {@link NamespaceCorrected}.
 */
public interface RbacSync {

    /** One pass over every active namespace; answers the corrections made. */
    List<NamespaceCorrected> syncAll();

    /** The one namespace, when it is an active Stackgate namespace (its RoleBinding or quota was just touched). */
    List<NamespaceCorrected> sync(String cluster, String namespace);
}
