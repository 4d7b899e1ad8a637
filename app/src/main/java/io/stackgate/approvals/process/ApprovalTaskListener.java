package io.stackgate.approvals.process;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.stackgate.approvals.ApprovalEvents.ApprovalTaskCreated;
import io.stackgate.approvals.inbox.ApprovalTasks;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link ApprovalTasks} in step with the engine: an approval task is recorded when the engine creates it and
 * forgotten when it is completed or deleted (a cancellation, an interrupted process), inside the engine's own
 * transaction. Camunda's Spring eventing bridge delivers the task events ({@code camunda.bpm.eventing.task}; not
 * skippable, so a "skip listeners" modification in Cockpit cannot leave a ghost task in the inbox).
 */
@Component
class ApprovalTaskListener {

    private final ApprovalTasks tasks;
    private final RequestService requests;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApprovalTaskListener(ApprovalTasks tasks, RequestService requests, ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
        this.tasks = tasks;
        this.requests = requests;
    }

    @EventListener
    void on(DelegateTask task) {
        if (!ApprovalModel.APPROVAL_TASK.equals(task.getTaskDefinitionKey())) {
            return;
        }
        switch (task.getEventName()) {
            case TaskListener.EVENTNAME_CREATE -> {
                ApprovalTasks.Row row = row(task);
                tasks.insert(row);
                events.publishEvent(new ApprovalTaskCreated(row.requestId(), row.tenantId(), row.taskId(), row.level(),
                        row.candidateGroups(), row.dueAt(), row.createdAt()));
            }
            case TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE -> tasks.delete(task.getId());
            default -> {
                // assignments and escalations are recorded by the approval service, which makes them
            }
        }
    }

    private ApprovalTasks.Row row(DelegateTask task) {
        ResourceRequest request = requests.load(Variables.REQUEST_ID.get(task));
        List<String> groups = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
        Instant created = task.getCreateTime() == null ? clock.instant() : task.getCreateTime().toInstant();
        return new ApprovalTasks.Row(task.getId(), request.id(), request.tenantId(), request.type().id(),
                request.requesterId(), task.getProcessInstanceId(), ApprovalModel.LEVEL.get(task), task.getName(),
                null, null, null, null, null, null, created,
                task.getDueDate() == null ? null : task.getDueDate().toInstant(), groups);
    }
}
