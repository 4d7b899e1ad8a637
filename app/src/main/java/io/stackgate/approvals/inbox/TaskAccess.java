package io.stackgate.approvals.inbox;

import java.util.Set;

import io.stackgate.approvals.NotYourTask;
import io.stackgate.approvals.SeparationOfDuties;
import io.stackgate.approvals.TaskHeld;
import io.stackgate.approvals.TaskNotFound;
import io.stackgate.approvals.TaskSuspended;
import io.stackgate.approvals.decisions.DecisionRepository;
import io.stackgate.identity.Caller;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Who may see a task and who may act on it now. Separation of duties, by subject id: nobody decides their own request,
 * nor two levels of one request.
 */
@Component
public class TaskAccess {

    private final TaskService taskService;
    private final ApprovalTasks tasks;
    private final RequestService requests;
    private final DecisionRepository decisions;

    public TaskAccess(TaskService taskService, ApprovalTasks tasks, RequestService requests, DecisionRepository decisions) {
        this.taskService = taskService;
        this.tasks = tasks;
        this.requests = requests;
        this.decisions = decisions;
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
        return task.candidateGroups().stream().anyMatch(groups::contains) || supervises(caller, task);
    }

    public static boolean supervises(Caller caller, ApprovalTasks.Row task) {
        return supervisedTenants(caller).contains(task.tenantId());
    }

    public record Actionable(ApprovalTasks.Row task, ResourceRequest request) {
    }

    /**
     * The task if the caller may act on it now: a candidate for it, not the caller's own request, no level of it
     * decided by the caller, and not held by someone else (the delegator may take it back).
     */
    public Actionable actionable(Caller caller, String taskId) {
        ApprovalTasks.Row task = visible(caller, taskId);
        Set<String> groups = caller.engineGroups();
        if (task.candidateGroups().stream().noneMatch(groups::contains)) {
            throw new NotYourTask("you are in none of the task's approver groups " + task.candidateGroups());
        }
        ResourceRequest request = requests.load(task.requestId());
        if (caller.isAuditor()) {
            throw new NotYourTask("auditors read; they do not decide");
        }
        if (caller.id().equals(request.requesterId())) {
            throw new SeparationOfDuties("nobody approves their own request");
        }
        if (decisions.hasDecided(request.id(), caller.id())) {
            throw new SeparationOfDuties("you already decided another level of this request");
        }
        boolean held = task.assigneeId() != null && !caller.id().equals(task.assigneeId())
                && !caller.id().equals(task.ownerId());
        if (held) {
            throw new TaskHeld(task.assignee());
        }
        return new Actionable(task, request);
    }

    /** The open task, if the caller may see it (else "not found"), and it is not suspended. */
    public ApprovalTasks.Row visible(Caller caller, String taskId) {
        ApprovalTasks.Row task = tasks.find(taskId).filter(row -> maySee(caller, row))
                .orElseThrow(() -> new TaskNotFound(taskId));
        Task engineTask = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (engineTask == null) {
            throw new TaskNotFound(taskId);
        }
        if (engineTask.isSuspended()) {
            throw new TaskSuspended();
        }
        return task;
    }
}
