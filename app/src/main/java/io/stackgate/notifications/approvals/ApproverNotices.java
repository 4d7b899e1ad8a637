package io.stackgate.notifications.approvals;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stackgate.approvals.ApprovalEvents.ApprovalEscalated;
import io.stackgate.approvals.ApprovalEvents.ApprovalTaskCreated;
import io.stackgate.approvals.ApprovalEvents.TaskDelegated;
import io.stackgate.approvals.ApprovalEvents.TaskReassigned;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.notifications.NewNotice;
import io.stackgate.notifications.NoticeKind;
import io.stackgate.notifications.Notifications;
import io.stackgate.notifications.recipients.Recipients;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells approvers that a task reached them (its candidate groups' members when it is created, the new assignee when it
 * is delegated or reassigned), that it is overdue (the level's SLA passed: its group) and that it was escalated to
 * them (the escalation group). Never the requester, who may not decide her own request. Synchronous listeners: the
 * notices commit with the task change.
 */
@Component
class ApproverNotices {

    private final Notifications notifications;
    private final Recipients recipients;
    private final RequestService requests;

    ApproverNotices(Notifications notifications, Recipients recipients, RequestService requests) {
        this.notifications = notifications;
        this.recipients = recipients;
        this.requests = requests;
    }

    @EventListener
    void created(ApprovalTaskCreated created) {
        ResourceRequest request = requests.load(created.requestId());
        tell(recipients.members(created.candidateGroups(), created.tenantId()), request, NoticeKind.APPROVAL_TASK_ASSIGNED,
                created.taskId(), created.level(), String.join(", ", created.candidateGroups()),
                "Request " + request.id() + " awaits your decision at level " + created.level() + ".");
    }

    @EventListener
    void delegated(TaskDelegated delegated) {
        assigned(delegated.requestId(), delegated.taskId(), delegated.level(), delegated.to());
    }

    @EventListener
    void reassigned(TaskReassigned reassigned) {
        assigned(reassigned.requestId(), reassigned.taskId(), reassigned.level(), reassigned.to());
    }

    @EventListener
    void escalated(ApprovalEscalated escalated) {
        ResourceRequest request = requests.load(escalated.requestId());
        tell(recipients.members(List.of(escalated.fromGroup()), escalated.tenantId()), request,
                NoticeKind.APPROVAL_TASK_OVERDUE, null, escalated.level(), escalated.toGroup(),
                "Request " + request.id() + " waited longer than its SLA at level " + escalated.level()
                        + "; it was escalated to " + escalated.toGroup() + ".");
        tell(recipients.members(List.of(escalated.toGroup()), escalated.tenantId()).stream()
                        .filter(user -> !user.engineGroups().contains(escalated.fromGroup())).toList(), request,
                NoticeKind.APPROVAL_ESCALATED, null, escalated.level(), escalated.toGroup(),
                "Request " + request.id() + " was escalated to your group " + escalated.toGroup() + ".");
    }

    private void assigned(String requestId, String taskId, String level, String username) {
        ResourceRequest request = requests.load(requestId);
        recipients.user(username).ifPresent(user -> tell(List.of(user), request, NoticeKind.APPROVAL_TASK_ASSIGNED,
                taskId, level, null, "Request " + request.id() + " was handed to you to decide at level " + level + "."));
    }

    private void tell(Collection<DirectoryUser> people, ResourceRequest request, NoticeKind kind, String taskId,
            String level, String group, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (taskId != null) {
            details.put("taskId", taskId);
        }
        details.put("level", level);
        if (group != null) {
            details.put("group", group);
        }
        details.put("requestType", request.type().id());
        details.put("requester", request.requester());
        for (DirectoryUser person : people) {
            if (person.id().equals(request.requesterId())) {
                continue;
            }
            notifications.notify(new NewNotice(person.id(), person.username(), request.tenantId(), kind.name(),
                    "request", request.id(), request.id(), message, details));
        }
    }
}
