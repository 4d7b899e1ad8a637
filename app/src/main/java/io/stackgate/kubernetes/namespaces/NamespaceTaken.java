package io.stackgate.kubernetes.namespaces;

import io.stackgate.errors.DomainError;

/** A live namespace of that name is on the cluster already, or another request holds the name. */
class NamespaceTaken extends DomainError {

    NamespaceTaken(String name, String cluster) {
        super(Kind.INVALID, "spec.suffix",
                "spec.suffix: namespace " + name + " already exists on cluster " + cluster + " (or is requested)");
    }
}
