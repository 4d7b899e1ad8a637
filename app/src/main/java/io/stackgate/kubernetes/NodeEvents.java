package io.stackgate.kubernetes;

import java.time.Instant;

/** What happens to worker nodes, for the request's timeline and the audit log. */
public final class NodeEvents {

    private NodeEvents() {
    }

    /** A step of a node's join finished ({@code compensated}: it was undone). */
    public record NodeStepDone(String requestId, int nodeIndex, String tenantId, String cluster, String node, String step,
            boolean compensated, Instant at) {
    }

    public record NodeJoined(String requestId, int nodeIndex, String tenantId, String projectId, String cluster,
            String node, Instant at) {
    }

    public record NodeFailed(String requestId, int nodeIndex, String tenantId, String cluster, String node, String cause,
            Instant at) {
    }

    public record NodeRemoved(String requestId, int nodeIndex, String tenantId, String cluster, String node,
            String byRequest, Instant at) {
    }
}
