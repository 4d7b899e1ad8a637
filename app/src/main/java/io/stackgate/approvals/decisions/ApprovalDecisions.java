package io.stackgate.approvals.decisions;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.stackgate.approvals.ApprovalEvents.ApprovalDecided;
import io.stackgate.approvals.inbox.TaskAccess;
import io.stackgate.approvals.process.ApprovalModel;
import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.RequestVariables;
import io.stackgate.requests.ResourceRequest;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An approver approves or rejects a level: the decision is recorded, then the task completes and the process goes on. */
@Service
public class ApprovalDecisions {

    private final TaskService taskService;
    private final RequestService requests;
    private final TaskAccess access;
    private final TaskHolding holding;
    private final DecisionRepository decisions;
    private final EngineAuthentication engine;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApprovalDecisions(TaskService taskService, RequestService requests, TaskAccess access, TaskHolding holding,
            DecisionRepository decisions, EngineAuthentication engine, ApplicationEventPublisher events, Clock clock) {
        this.taskService = taskService;
        this.requests = requests;
        this.access = access;
        this.holding = holding;
        this.decisions = decisions;
        this.engine = engine;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void approve(Caller caller, String taskId, String comment) {
        decide(caller, taskId, true, comment);
    }

    @Transactional
    public void reject(Caller caller, String taskId, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new InvalidInput("comment", "a rejection needs a reason");
        }
        decide(caller, taskId, false, comment);
    }

    private void decide(Caller caller, String taskId, boolean approved, String comment) {
        engine.run(caller, () -> {
            TaskAccess.Actionable actionable = access.actionable(caller, taskId);
            ResourceRequest request = actionable.request();
            // the request's row first, as a cancel does: a decision and a cancel of one request queue up, never deadlock
            requests.lockPending(request.id());
            if (actionable.task().assigneeId() == null) {
                holding.take(caller, actionable.task());
            }
            String level = actionable.task().level();
            String decision = approved ? "approved" : "rejected";
            Instant now = clock.instant();
            decisions.record(taskId, request.id(), request.tenantId(), level, decision, caller.username(), caller.id(),
                    comment, now);
            Map<String, Object> onTask = new HashMap<>();
            onTask.put(ApprovalModel.DECISION, decision);
            onTask.put(RequestVariables.DECIDED_BY.name(), caller.username());
            onTask.put(ApprovalModel.COMMENT, comment);
            taskService.setVariablesLocal(taskId, onTask);
            events.publishEvent(new ApprovalDecided(request.id(), request.tenantId(), level, decision, caller.username(),
                    comment, now));
            Map<String, Object> outcome = new HashMap<>();
            outcome.put("approved", approved);
            outcome.put(RequestVariables.DECIDED_BY.name(), caller.username());
            if (!approved) {
                outcome.put(RequestVariables.REJECTION_REASON.name(), comment);
            }
            taskService.complete(taskId, outcome);
        });
    }
}
