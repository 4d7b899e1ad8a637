package io.stackgate.kubernetes.namespaces;

import io.stackgate.errors.DomainError;

/** A decommission names a namespace request whose namespace is deleted already. */
class NamespaceGone extends DomainError {

    NamespaceGone(String requestId) {
        super(Kind.INVALID, "spec.requestId",
                "spec.requestId: the namespace of request " + requestId + " is already gone");
    }
}
