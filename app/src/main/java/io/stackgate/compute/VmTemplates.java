package io.stackgate.compute;

import io.stackgate.requests.ResourceRequest;

/**
 * Derives the VMs of a request: a {@code vm} request's from its spec ({@code VmRequestTemplates}), a node pool's as
 * the Kubernetes capability makes its workers; compute asks each such bean whether it handles the request.
 */
public interface VmTemplates {

    boolean handles(ResourceRequest request);

    /** VM {@code vmIndex} of the request; called again for each step that needs it, so it must be deterministic. */
    VmTemplate template(ResourceRequest request, int vmIndex);

    /**
     * The cloud-init user-data of VM {@code vmIndex}, asked for once, right before its seed is written (a secret in it
     * is made or refreshed then); never logged.
     */
    String userData(ResourceRequest request, int vmIndex);
}
