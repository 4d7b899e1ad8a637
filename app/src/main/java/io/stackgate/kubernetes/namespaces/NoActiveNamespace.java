package io.stackgate.kubernetes.namespaces;

import io.stackgate.errors.DomainError;

/** A quota change names a namespace that is not an active one of the same project (or no namespace at all). */
class NoActiveNamespace extends DomainError {

    NoActiveNamespace(String requestId) {
        super(Kind.INVALID, "spec.namespace",
                "spec.namespace: no active namespace of request " + requestId + " in this project");
    }
}
