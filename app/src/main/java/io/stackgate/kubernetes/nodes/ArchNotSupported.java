package io.stackgate.kubernetes.nodes;

import io.stackgate.errors.DomainError;

/** The cluster takes no nodes of the requested arch (its {@code arches}). */
class ArchNotSupported extends DomainError {

    ArchNotSupported(String cluster, java.util.List<String> arches) {
        super(Kind.INVALID, "spec.arch", "spec.arch: cluster " + cluster + " takes " + arches + " nodes only");
    }
}
