package io.stackgate.approvals.process;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.stackgate.approvals.inbox.ApprovalTasks;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, makes {@link ApprovalTasks} hold exactly the engine's open approval tasks: a database that was upgraded
 * from a version without the table, or restored from a backup, gets its open tasks recorded.
 */
@Component
class ApprovalTasksCheck {

    private static final Logger log = LoggerFactory.getLogger(ApprovalTasksCheck.class);

    private final TaskService taskService;
    private final ApprovalTasks tasks;
    private final RequestService requests;
    private final TransactionTemplate transactions;

    ApprovalTasksCheck(TaskService taskService, ApprovalTasks tasks, RequestService requests,
            TransactionTemplate transactions) {
        this.taskService = taskService;
        this.tasks = tasks;
        this.requests = requests;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        long open = taskService.createTaskQuery().taskDefinitionKey(ApprovalModel.APPROVAL_TASK).count();
        if (open == tasks.count()) {
            return;
        }
        Set<String> recorded = new HashSet<>(tasks.allIds());
        Set<String> engine = new HashSet<>();
        int added = 0;
        for (Task task : taskService.createTaskQuery().taskDefinitionKey(ApprovalModel.APPROVAL_TASK).list()) {
            engine.add(task.getId());
            if (!recorded.contains(task.getId())) {
                transactions.executeWithoutResult(status -> tasks.insert(row(task)));
                added++;
            }
        }
        int removed = 0;
        for (String id : recorded) {
            if (!engine.contains(id)) {
                transactions.executeWithoutResult(status -> tasks.delete(id));
                removed++;
            }
        }
        log.info("approval inbox brought in line with the engine: {} open task(s) recorded, {} gone", added, removed);
    }

    private ApprovalTasks.Row row(Task task) {
        ResourceRequest request = requests.load((String) taskService.getVariable(task.getId(), "requestId"));
        List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
        return new ApprovalTasks.Row(task.getId(), request.id(), request.tenantId(), request.type().id(),
                request.requesterId(), task.getProcessInstanceId(), (String) taskService.getVariable(task.getId(), "level"),
                task.getName(), null, task.getAssignee(), null, task.getOwner(), null,
                (String) taskService.getVariableLocal(task.getId(), "escalatedTo"), task.getCreateTime().toInstant(),
                task.getDueDate() == null ? null : task.getDueDate().toInstant(), groups);
    }
}
