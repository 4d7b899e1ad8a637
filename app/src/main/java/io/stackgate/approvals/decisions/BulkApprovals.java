package io.stackgate.approvals.decisions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.stackgate.approvals.TaskNotFound;
import io.stackgate.approvals.inbox.ApprovalTasks;
import io.stackgate.identity.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Approves several tasks at once. Each task goes through {@link ApprovalDecisions#approve} exactly as a single
 * approval does (visibility, candidacy, separation of duties, holder, request still pending), in a transaction of its
 * own: a refusal or failure of one task rolls back that task only and the others go on. Deliberately not
 * transactional itself.
 */
@Service
public class BulkApprovals {

    private static final Logger log = LoggerFactory.getLogger(BulkApprovals.class);

    /** One task's outcome; {@code refusal} is null when it was approved. {@code requestId} null if the task is unknown. */
    public record Outcome(String taskId, String requestId, RuntimeException refusal) {

        public boolean approved() {
            return refusal == null;
        }
    }

    private final ApprovalDecisions decisions;
    private final ApprovalTasks tasks;

    BulkApprovals(ApprovalDecisions decisions, ApprovalTasks tasks) {
        this.decisions = decisions;
        this.tasks = tasks;
    }

    /** Approves each task in order (a repeated id once); answers one outcome per distinct task id. */
    public List<Outcome> approve(Caller caller, List<String> taskIds, String comment) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String taskId : new LinkedHashSet<>(taskIds)) {
            // read before deciding: a decided task leaves the table. Only shown back to a caller the task is visible to
            String requestId = tasks.find(taskId).map(ApprovalTasks.Row::requestId).orElse(null);
            try {
                decisions.approve(caller, taskId, comment);
                outcomes.add(new Outcome(taskId, requestId, null));
            } catch (RuntimeException refused) {
                log.debug("bulk approval of task {} by {} refused: {}", taskId, caller.username(), refused.toString());
                outcomes.add(new Outcome(taskId, refused instanceof TaskNotFound ? null : requestId, refused));
            }
        }
        return outcomes;
    }
}
