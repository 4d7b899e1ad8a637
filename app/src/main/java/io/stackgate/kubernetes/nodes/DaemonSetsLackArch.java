package io.stackgate.kubernetes.nodes;

import io.stackgate.errors.DomainError;

/** A DaemonSet that would run on the new nodes has no image for their arch (or its platforms cannot be told). */
class DaemonSetsLackArch extends DomainError {

    DaemonSetsLackArch(String cluster, java.util.List<String> problems) {
        super(Kind.INVALID, "spec.arch",
                "spec.arch: cluster " + cluster + " cannot run arm64 pods: " + String.join("; ", problems));
    }
}
