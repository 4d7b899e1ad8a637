package io.stackgate.approvals.decisions;

import java.time.Clock;
import java.time.Instant;

import io.stackgate.approvals.ApprovalEvents.TaskClaimed;
import io.stackgate.approvals.ApprovalEvents.TaskDelegated;
import io.stackgate.approvals.ApprovalEvents.TaskReassigned;
import io.stackgate.approvals.ApprovalEvents.TaskReleased;
import io.stackgate.approvals.NotYourTask;
import io.stackgate.approvals.TaskChangedHands;
import io.stackgate.approvals.TaskNotHeld;
import io.stackgate.approvals.inbox.ApprovalTasks;
import io.stackgate.approvals.inbox.TaskAccess;
import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who holds a task: approvers claim, delegate and release it; tenant admins and platform operators release or reassign a
 * task whose holder is away; a claim nobody acts on expires. Every change takes the request's row first, as a decision
 * and a cancel do, so they queue up instead of deadlocking.
 */
@Service
public class TaskHolding {

    private final TaskService taskService;
    private final RequestService requests;
    private final ApprovalTasks tasks;
    private final TaskAccess access;
    private final Approvers approvers;
    private final EngineAuthentication engine;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TaskHolding(TaskService taskService, RequestService requests, ApprovalTasks tasks, TaskAccess access,
            Approvers approvers, EngineAuthentication engine, ApplicationEventPublisher events, Clock clock) {
        this.taskService = taskService;
        this.requests = requests;
        this.tasks = tasks;
        this.access = access;
        this.approvers = approvers;
        this.engine = engine;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void claim(Caller caller, String taskId) {
        engine.run(caller, () -> {
            TaskAccess.Actionable actionable = access.actionable(caller, taskId);
            requests.lockPending(actionable.request().id());
            take(caller, actionable.task());
            events.publishEvent(new TaskClaimed(actionable.request().id(), actionable.request().tenantId(), taskId,
                    actionable.task().level(), caller.username(), clock.instant()));
        });
    }

    /** Hands the task to a peer approver; the delegator may take it back (claim) until it is decided. */
    @Transactional
    public void delegate(Caller caller, String taskId, String username) {
        if (username == null || username.isBlank()) {
            throw new InvalidInput("user", "must name the user to delegate to");
        }
        if (username.equals(caller.username())) {
            throw new InvalidInput("user", "cannot delegate to yourself; claim the task instead");
        }
        engine.run(caller, () -> {
            TaskAccess.Actionable actionable = access.actionable(caller, taskId);
            requests.lockPending(actionable.request().id());
            DirectoryUser delegate = approvers.eligible(username, actionable.task(), actionable.request());
            Instant now = clock.instant();
            clearOwner(actionable.task());
            taskService.setOwner(taskId, caller.username());
            taskService.setAssignee(taskId, delegate.username());
            tasks.assign(taskId, delegate.id(), delegate.username(), caller.id(), caller.username(), now);
            events.publishEvent(new TaskDelegated(actionable.request().id(), actionable.request().tenantId(), taskId,
                    actionable.task().level(), caller.username(), delegate.username(), now));
        });
    }

    /**
     * Nobody holds the task any more, so every candidate sees it again: its holder gives it back, its delegator
     * calls the delegation off, or a tenant admin / platform operator frees a task whose holder is away.
     */
    @Transactional
    public void release(Caller caller, String taskId) {
        engine.run(caller, () -> {
            ApprovalTasks.Row task = access.visible(caller, taskId);
            if (task.assigneeId() == null) {
                throw new TaskNotHeld();
            }
            boolean holder = caller.id().equals(task.assigneeId()) || caller.id().equals(task.ownerId());
            if (!holder && !TaskAccess.supervises(caller, task)) {
                throw new NotYourTask("only the task's holder, its delegator, a tenant admin or a platform operator may release it");
            }
            requests.lockPending(task.requestId());
            releaseHeld(task, caller.username(), holder ? "released by its holder" : "released by " + caller.username());
        });
    }

    /** A tenant admin or platform operator gives a task to an eligible approver (its holder is away, say). */
    @Transactional
    public void reassign(Caller caller, String taskId, String username) {
        if (username == null || username.isBlank()) {
            throw new InvalidInput("user", "must name the user to give the task to");
        }
        engine.run(caller, () -> {
            ApprovalTasks.Row task = access.visible(caller, taskId);
            if (!TaskAccess.supervises(caller, task) || caller.isAuditor()) {
                throw new NotYourTask("only a tenant admin or a platform operator may reassign a task");
            }
            requests.lockPending(task.requestId());
            ResourceRequest request = requests.load(task.requestId());
            DirectoryUser target = approvers.eligible(username, task, request);
            Instant now = clock.instant();
            clearOwner(task);
            taskService.setAssignee(taskId, target.username());
            tasks.assign(taskId, target.id(), target.username(), null, null, now);
            events.publishEvent(new TaskReassigned(request.id(), request.tenantId(), taskId, task.level(), task.assignee(),
                    target.username(), caller.username(), now));
        });
    }

    /** A claim older than the expiry is given up (its holder may be away); true if it was. */
    @Transactional
    public boolean expireClaim(ApprovalTasks.Row task) {
        requests.lockPending(task.requestId());
        if (tasks.find(task.taskId()).filter(now -> task.assigneeId().equals(now.assigneeId())).isEmpty()) {
            return false;
        }
        releaseHeld(task, "system", "claim expired");
        return true;
    }

    /**
     * The caller holds the task now: claims it, or takes back a task the caller delegated. Two callers taking one task
     * at the same moment both change the engine's task row; the second commit fails (optimistic locking: 409).
     */
    void take(Caller caller, ApprovalTasks.Row task) {
        clearOwner(task);
        taskService.setAssignee(task.taskId(), caller.username());
        tasks.assign(task.taskId(), caller.id(), caller.username(), null, null, clock.instant());
    }

    private void releaseHeld(ApprovalTasks.Row task, String by, String reason) {
        if (!tasks.release(task.taskId(), task.assigneeId())) {
            throw new TaskChangedHands();
        }
        clearOwner(task);
        taskService.setAssignee(task.taskId(), null);
        events.publishEvent(new TaskReleased(task.requestId(), task.tenantId(), task.taskId(), task.level(),
                task.assignee(), by, reason, clock.instant()));
    }

    /** The engine keeps who delegated a task as its owner; a take-back, release or reassignment ends that. */
    private void clearOwner(ApprovalTasks.Row task) {
        if (task.owner() != null) {
            taskService.deleteUserIdentityLink(task.taskId(), task.owner(), IdentityLinkType.OWNER);
        }
    }
}
