package io.stackgate.approvals;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.stackgate.approvals.ApprovalEvents.ApprovalDecided;
import io.stackgate.approvals.ApprovalEvents.TaskClaimed;
import io.stackgate.approvals.ApprovalEvents.TaskDelegated;
import io.stackgate.approvals.ApprovalEvents.TaskReassigned;
import io.stackgate.approvals.ApprovalEvents.TaskReleased;
import io.stackgate.identity.Caller;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.web.Conflict;
import io.stackgate.web.Forbidden;
import io.stackgate.errors.InvalidInput;
import io.stackgate.web.NotFound;
import io.stackgate.requests.RequestVariables;

/**
 * What approvers do with a task: claim, approve, reject, delegate, release; and what tenant admins and platform
 * operators do with a task whose holder is away: release or reassign it. Separation of duties, by subject id: nobody
 * decides their own request, nor two levels of one request, nor receives a task they may not decide.
 */
@Service
public class ApprovalService {

    static final String APPROVAL_TASK = "ApproveLevel";

    private final TaskService taskService;
    private final RequestService requests;
    private final ApprovalTasks tasks;
    private final DecisionRepository decisions;
    private final Approvers approvers;
    private final EngineAuthentication engine;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    ApprovalService(TaskService taskService, RequestService requests, ApprovalTasks tasks, DecisionRepository decisions,
            Approvers approvers, EngineAuthentication engine, ApplicationEventPublisher events) {
        this.taskService = taskService;
        this.requests = requests;
        this.tasks = tasks;
        this.decisions = decisions;
        this.approvers = approvers;
        this.engine = engine;
        this.events = events;
    }

    /** Tenant admins look after their tenants' tasks, platform admins and operators after every tenant's. */
    static Set<String> supervisedTenants(Caller caller) {
        return caller.isPlatformWide() ? caller.tenants() : caller.administeredTenants();
    }

    /** A candidate for the task (its current token's groups decide), or looking after the task's tenant. */
    static boolean maySee(Caller caller, ApprovalTasks.Row task) {
        if (!caller.canSee(task.tenantId())) {
            return false;
        }
        Set<String> groups = caller.engineGroups();
        return task.candidateGroups().stream().anyMatch(groups::contains)
                || supervisedTenants(caller).contains(task.tenantId());
    }

    @Transactional
    public void claim(Caller caller, String taskId) {
        engine.run(caller, () -> {
            Actionable actionable = actionable(caller, taskId);
            requests.lockPending(actionable.request().id());
            take(caller, actionable.task());
            events.publishEvent(new TaskClaimed(actionable.request().id(), actionable.request().tenantId(), taskId,
                    actionable.task().level(), caller.username(), clock.instant()));
        });
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
            Actionable actionable = actionable(caller, taskId);
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
            ApprovalTasks.Row task = visible(caller, taskId);
            if (task.assigneeId() == null) {
                throw new Conflict("nobody holds the task");
            }
            boolean holder = caller.id().equals(task.assigneeId()) || caller.id().equals(task.ownerId());
            if (!holder && !supervises(caller, task)) {
                throw new Forbidden("only the task's holder, its delegator, a tenant admin or a platform operator may release it");
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
            ApprovalTasks.Row task = visible(caller, taskId);
            if (!supervises(caller, task) || caller.isAuditor()) {
                throw new Forbidden("only a tenant admin or a platform operator may reassign a task");
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

    private void releaseHeld(ApprovalTasks.Row task, String by, String reason) {
        if (!tasks.release(task.taskId(), task.assigneeId())) {
            throw new Conflict("the task changed hands meanwhile; reload and try again");
        }
        clearOwner(task);
        taskService.setAssignee(task.taskId(), null);
        events.publishEvent(new TaskReleased(task.requestId(), task.tenantId(), task.taskId(), task.level(),
                task.assignee(), by, reason, clock.instant()));
    }

    private void decide(Caller caller, String taskId, boolean approved, String comment) {
        engine.run(caller, () -> {
            Actionable actionable = actionable(caller, taskId);
            ResourceRequest request = actionable.request();
            // the request's row first, as a cancel does: a decision and a cancel of one request queue up, never deadlock
            requests.lockPending(request.id());
            if (actionable.task().assigneeId() == null) {
                take(caller, actionable.task());
            }
            String level = actionable.task().level();
            String decision = approved ? "approved" : "rejected";
            Instant now = clock.instant();
            decisions.record(taskId, request.id(), request.tenantId(), level, decision, caller.username(), caller.id(),
                    comment, now);
            taskService.setVariablesLocal(taskId, variables("decision", decision, RequestVariables.DECIDED_BY.name(), caller.username(),
                    "comment", comment));
            events.publishEvent(new ApprovalDecided(request.id(), request.tenantId(), level, decision, caller.username(),
                    comment, now));
            taskService.complete(taskId, approved
                    ? variables("approved", true, RequestVariables.DECIDED_BY.name(), caller.username())
                    : variables("approved", false, RequestVariables.DECIDED_BY.name(), caller.username(), RequestVariables.REJECTION_REASON.name(), comment));
        });
    }

    private record Actionable(ApprovalTasks.Row task, ResourceRequest request) {
    }

    /**
     * The task if the caller may act on it now: a candidate for it, not the caller's own request, no level of it
     * decided by the caller, and not held by someone else (the delegator may take it back).
     */
    private Actionable actionable(Caller caller, String taskId) {
        ApprovalTasks.Row task = visible(caller, taskId);
        Set<String> groups = caller.engineGroups();
        if (task.candidateGroups().stream().noneMatch(groups::contains)) {
            throw new Forbidden("you are in none of the task's approver groups " + task.candidateGroups());
        }
        ResourceRequest request = requests.load(task.requestId());
        if (caller.isAuditor()) {
            throw new Forbidden("auditors read; they do not decide");
        }
        if (caller.id().equals(request.requesterId())) {
            throw new Forbidden("nobody approves their own request");
        }
        if (decisions.hasDecided(request.id(), caller.id())) {
            throw new Forbidden("you already decided another level of this request");
        }
        boolean held = task.assigneeId() != null && !caller.id().equals(task.assigneeId())
                && !caller.id().equals(task.ownerId());
        if (held) {
            throw new Conflict("the task is held by " + task.assignee());
        }
        return new Actionable(task, request);
    }

    /** The open task, if the caller may see it (else "not found"), and it is not suspended. */
    private ApprovalTasks.Row visible(Caller caller, String taskId) {
        ApprovalTasks.Row task = tasks.find(taskId).filter(row -> maySee(caller, row))
                .orElseThrow(() -> new NotFound("task", taskId));
        Task engineTask = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (engineTask == null) {
            throw new NotFound("task", taskId);
        }
        if (engineTask.isSuspended()) {
            throw new Conflict("the task is suspended");
        }
        return task;
    }

    private static boolean supervises(Caller caller, ApprovalTasks.Row task) {
        return supervisedTenants(caller).contains(task.tenantId());
    }

    /**
     * The caller holds the task now: claims it, or takes back a task the caller delegated. Two callers taking one task
     * at the same moment both change the engine's task row; the second commit fails (optimistic locking: 409).
     */
    private void take(Caller caller, ApprovalTasks.Row task) {
        clearOwner(task);
        taskService.setAssignee(task.taskId(), caller.username());
        tasks.assign(task.taskId(), caller.id(), caller.username(), null, null, clock.instant());
    }

    /** The engine keeps who delegated a task as its owner; a take-back, release or reassignment ends that. */
    private void clearOwner(ApprovalTasks.Row task) {
        if (task.owner() != null) {
            taskService.deleteUserIdentityLink(task.taskId(), task.owner(), IdentityLinkType.OWNER);
        }
    }

    private static Map<String, Object> variables(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
