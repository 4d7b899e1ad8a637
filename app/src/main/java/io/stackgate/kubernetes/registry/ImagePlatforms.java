package io.stackgate.kubernetes.registry;

import java.util.Optional;
import java.util.Set;

/** Which platforms a container image is published for: asked before a node of another architecture joins a cluster. */
public interface ImagePlatforms {

    /**
     * The architectures (Kubernetes/OCI names: amd64, arm64, arm, ppc64le, s390x, ...) the image is published for;
     * empty when that cannot be told (registry not looked up, unreachable or refusing, and no override).
     *
     * @param image a reference as a pod spec holds it, e.g. {@code quay.io/calico/node:v3.26.1} or {@code nginx}
     */
    Optional<Set<String>> architectures(String image);

    /** Whether the image's registry may be asked at all (false: only an override can tell its platforms). */
    default boolean asksRegistryOf(String image) {
        return true;
    }
}
