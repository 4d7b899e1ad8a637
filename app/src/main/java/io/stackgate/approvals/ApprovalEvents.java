package io.stackgate.approvals;

import java.time.Instant;
import java.util.List;

/** Domain events of the approval inbox, published inside the transaction that makes the change. */
public final class ApprovalEvents {

    private ApprovalEvents() {
    }

    public record ApprovalDecided(String requestId, String tenantId, String level, String decision, String decidedBy,
            String comment, Instant at) {
    }

    public record TaskClaimed(String requestId, String tenantId, String taskId, String level, String by, Instant at) {
    }

    public record TaskDelegated(String requestId, String tenantId, String taskId, String level, String from, String to,
            Instant at) {
    }

    /** Nobody holds the task any more ({@code reason}: released by its holder, by an admin, or the claim expired). */
    public record TaskReleased(String requestId, String tenantId, String taskId, String level, String heldBy, String by,
            String reason, Instant at) {
    }

    /** A tenant admin or platform operator gave the task to {@code to}. */
    public record TaskReassigned(String requestId, String tenantId, String taskId, String level, String from, String to,
            String by, Instant at) {
    }

    /**
     * An approval task was created and waits for a decision by a member of one of {@code candidateGroups} (group paths
     * or {@code role:<name>}): it reached them.
     */
    public record ApprovalTaskCreated(String requestId, String tenantId, String taskId, String level,
            List<String> candidateGroups, Instant dueAt, Instant at) {

        public ApprovalTaskCreated {
            candidateGroups = List.copyOf(candidateGroups);
        }
    }

    public record ApprovalEscalated(String requestId, String tenantId, String level, String fromGroup, String toGroup,
            Instant at) {
    }
}
