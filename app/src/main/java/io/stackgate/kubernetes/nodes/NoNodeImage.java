package io.stackgate.kubernetes.nodes;

import io.stackgate.errors.DomainError;

/** The image catalogue has no image of the cluster's node OS for the requested arch. */
class NoNodeImage extends DomainError {

    NoNodeImage(String image, String arch, String cluster) {
        super(Kind.INVALID, "spec.arch",
                "spec.arch: the image catalogue has no " + image + " image for " + arch + ", which cluster " + cluster
                + " boots its nodes from");
    }
}
