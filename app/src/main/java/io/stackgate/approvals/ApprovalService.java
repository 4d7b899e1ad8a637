package io.stackgate.approvals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.stackgate.approvals.ApprovalEvents.ApprovalDecided;
import io.stackgate.approvals.ApprovalEvents.TaskClaimed;
import io.stackgate.approvals.ApprovalEvents.TaskDelegated;
import io.stackgate.identity.Caller;
import io.stackgate.identity.Directory;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.web.Conflict;
import io.stackgate.web.Forbidden;
import io.stackgate.web.InvalidInput;
import io.stackgate.web.NotFound;

/**
 * The approver's inbox: the tasks a caller may act on, and claim, approve, reject, delegate.
 * Separation of duties: nobody decides on their own request, nor on two levels of one request.
 */
@Service
public class ApprovalService {

    static final String APPROVAL_TASK = "ApproveLevel";

    /** An approval task as the inbox shows it. */
    public record InboxTask(String id, String name, String level, List<String> candidateGroups, String assignee,
            Instant created, Instant due, String escalatedTo, ResourceRequest request) {
    }

    private final TaskService taskService;
    private final RequestService requests;
    private final DecisionRepository decisions;
    private final EngineAuthentication engine;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<Directory> directory;

    ApprovalService(TaskService taskService, RequestService requests, DecisionRepository decisions,
            EngineAuthentication engine, ApplicationEventPublisher events, ObjectProvider<Directory> directory) {
        this.taskService = taskService;
        this.requests = requests;
        this.decisions = decisions;
        this.engine = engine;
        this.events = events;
        this.directory = directory;
    }

    /** Open approval tasks of the caller's groups and tenants, or assigned to the caller, that the caller may decide. */
    public List<InboxTask> inbox(Caller caller) {
        return engine.as(caller, () -> {
            Map<String, Task> tasks = new LinkedHashMap<>();
            List<String> groups = List.copyOf(caller.engineGroups());
            if (!groups.isEmpty()) {
                taskService.createTaskQuery().taskDefinitionKey(APPROVAL_TASK).taskCandidateGroupIn(groups)
                        .includeAssignedTasks().active().orderByDueDate().asc().list()
                        .forEach(t -> tasks.put(t.getId(), t));
            }
            taskService.createTaskQuery().taskDefinitionKey(APPROVAL_TASK).taskAssignee(caller.username()).active()
                    .list().forEach(t -> tasks.putIfAbsent(t.getId(), t));
            taskService.createTaskQuery().taskDefinitionKey(APPROVAL_TASK).taskOwner(caller.username()).active()
                    .list().forEach(t -> tasks.putIfAbsent(t.getId(), t));
            List<InboxTask> inbox = new ArrayList<>();
            for (Task task : tasks.values()) {
                if (!mayTake(caller, task) || !isCandidate(caller, task.getId())) {
                    continue;
                }
                ResourceRequest request = requests.load(businessKey(task));
                if (request.requesterId().equals(caller.id()) || decisions.hasDecided(request.id(), caller.id())) {
                    continue;
                }
                inbox.add(view(task, request));
            }
            return inbox;
        });
    }

    /** One task the caller may see (its groups or assignment, its tenants); anything else is "not found". */
    public InboxTask get(Caller caller, String taskId) {
        return engine.as(caller, () -> {
            Task task = visibleTask(caller, taskId);
            return view(task, requests.load(businessKey(task)));
        });
    }

    @Transactional
    public InboxTask claim(Caller caller, String taskId) {
        return engine.as(caller, () -> {
            Actionable actionable = actionable(caller, taskId);
            ResourceRequest request = actionable.request();
            take(caller, actionable.task());
            String level = level(taskId);
            events.publishEvent(new TaskClaimed(request.id(), request.tenantId(), taskId, level, caller.username(), Instant.now()));
            return view(taskService.createTaskQuery().taskId(taskId).singleResult(), request);
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

    @Transactional
    public InboxTask delegate(Caller caller, String taskId, String user) {
        if (user == null || user.isBlank()) {
            throw new InvalidInput("user", "must name the user to delegate to");
        }
        return engine.as(caller, () -> {
            ResourceRequest request = actionable(caller, taskId).request();
            if (user.equals(request.requester())) {
                throw new Forbidden("a request cannot be delegated to its requester");
            }
            if (user.equals(caller.username())) {
                throw new InvalidInput("user", "cannot delegate to yourself; claim the task instead");
            }
            checkDelegate(user, request.tenantId(), candidateGroups(taskId));
            taskService.setOwner(taskId, caller.username());
            taskService.setAssignee(taskId, user);
            events.publishEvent(new TaskDelegated(request.id(), request.tenantId(), taskId, level(taskId),
                    caller.username(), user, Instant.now()));
            return view(taskService.createTaskQuery().taskId(taskId).singleResult(), request);
        });
    }

    /**
     * With a directory (Keycloak) at hand, the delegate must exist, belong to the request's tenant and be in one of
     * the task's candidate groups: a task goes to a peer approver, never to someone who may not decide it.
     */
    private void checkDelegate(String user, String tenantId, List<String> candidateGroups) {
        Directory users = directory.getIfAvailable();
        if (users == null) {
            return;
        }
        DirectoryUser delegate = users.user(user)
                .orElseThrow(() -> new InvalidInput("user", "no user " + user + " in the directory"));
        if (!Caller.tenantsOf(delegate.groups()).contains(tenantId)) {
            throw new InvalidInput("user", user + " is not a member of tenant " + tenantId);
        }
        if (candidateGroups.stream().noneMatch(delegate.groups()::contains)) {
            throw new InvalidInput("user", user + " is in none of the task's approver groups " + candidateGroups);
        }
    }

    private void decide(Caller caller, String taskId, boolean approved, String comment) {
        engine.run(caller, () -> {
            Actionable actionable = actionable(caller, taskId);
            ResourceRequest request = actionable.request();
            claimIfFree(caller, actionable.task());
            String level = level(taskId);
            String decision = approved ? "approved" : "rejected";
            Instant now = Instant.now();
            decisions.record(taskId, request.id(), request.tenantId(), level, decision, caller.username(), caller.id(), comment, now);
            taskService.setVariablesLocal(taskId, variables("decision", decision, "decidedBy", caller.username(),
                    "comment", comment));
            events.publishEvent(new ApprovalDecided(request.id(), request.tenantId(), level, decision, caller.username(),
                    comment, now));
            taskService.complete(taskId, approved
                    ? variables("approved", true, "decidedBy", caller.username())
                    : variables("approved", false, "decidedBy", caller.username(), "rejectionReason", comment));
        });
    }

    private record Actionable(Task task, ResourceRequest request) {
    }

    /**
     * The task if the caller may act on it now: visible to the caller, not the caller's own request, no level of
     * it decided by the caller yet, and not claimed by someone else.
     */
    private Actionable actionable(Caller caller, String taskId) {
        Task task = visibleTask(caller, taskId);
        ResourceRequest request = requests.load(businessKey(task));
        checkMayDecide(caller, request);
        if (!mayTake(caller, task)) {
            throw new Conflict("the task is claimed by " + task.getAssignee());
        }
        return new Actionable(task, request);
    }

    /** Unclaimed, claimed by the caller, or delegated by the caller (who keeps the right to take it back). */
    private static boolean mayTake(Caller caller, Task task) {
        return task.getAssignee() == null || task.getAssignee().equals(caller.username())
                || caller.username().equals(task.getOwner());
    }

    private void claimIfFree(Caller caller, Task task) {
        if (task.getAssignee() == null) {
            taskService.claim(task.getId(), caller.username());
        }
    }

    /** Claims the task, or takes a task the caller delegated back from its delegate. */
    private void take(Caller caller, Task task) {
        if (task.getAssignee() == null) {
            taskService.claim(task.getId(), caller.username());
        } else if (!task.getAssignee().equals(caller.username())) {
            taskService.setAssignee(task.getId(), caller.username());
        }
    }

    private void checkMayDecide(Caller caller, ResourceRequest request) {
        if (caller.isAuditor()) {
            throw new Forbidden("auditors read; they do not decide");
        }
        if (request.requesterId().equals(caller.id())) {
            throw new Forbidden("nobody approves their own request");
        }
        if (decisions.hasDecided(request.id(), caller.id())) {
            throw new Forbidden("you already decided another level of this request");
        }
    }

    private Task visibleTask(Caller caller, String taskId) {
        Task task = taskService.createTaskQuery().taskId(taskId).taskDefinitionKey(APPROVAL_TASK).singleResult();
        // the groups in the caller's current token decide, also for a task it claimed or delegated earlier
        if (task == null || !isCandidate(caller, taskId)) {
            throw new NotFound("task", taskId);
        }
        if (task.isSuspended()) {
            throw new Conflict("the task is suspended");
        }
        return task;
    }

    private boolean isCandidate(Caller caller, String taskId) {
        Set<String> groups = caller.engineGroups();
        return candidateGroups(taskId).stream().anyMatch(groups::contains);
    }

    private List<String> candidateGroups(String taskId) {
        return taskService.getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).sorted().collect(Collectors.toList());
    }

    private InboxTask view(Task task, ResourceRequest request) {
        List<String> groups = candidateGroups(task.getId());
        return new InboxTask(task.getId(), task.getName(), level(task.getId()), groups, task.getAssignee(),
                task.getCreateTime().toInstant(), task.getDueDate() == null ? null : task.getDueDate().toInstant(),
                (String) taskService.getVariableLocal(task.getId(), "escalatedTo"), request);
    }

    private String level(String taskId) {
        return (String) taskService.getVariable(taskId, "level");
    }

    private String businessKey(Task task) {
        return (String) taskService.getVariable(task.getId(), "requestId");
    }

    private static Map<String, Object> variables(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
