package io.stackgate.kubernetes;

import java.util.Optional;
import java.util.Set;

/** Which platforms a container image is published for: asked before a node of another architecture joins a cluster. */
interface ImagePlatforms {

    /**
     * The architectures (Kubernetes/OCI names: amd64, arm64, arm, ppc64le, s390x, ...) the image is published for;
     * empty when that cannot be told (registry unreachable or refusing, and no override).
     *
     * @param image a reference as a pod spec holds it, e.g. {@code quay.io/calico/node:v3.26.1} or {@code nginx}
     */
    Optional<Set<String>> architectures(String image);
}
