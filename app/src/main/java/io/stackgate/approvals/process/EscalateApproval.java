package io.stackgate.approvals.process;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.stackgate.approvals.ApprovalEvents.ApprovalEscalated;
import io.stackgate.approvals.inbox.ApprovalTasks;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.tenancy.Tenants;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Service task "Escalate approval" (the level's SLA passed): the next level's group — or, for the last
 * level, the tenant's escalation group — becomes a candidate for the waiting task too.
 */
@Component("escalateApproval")
class EscalateApproval implements JavaDelegate {

    private final RequestService requests;
    private final Tenants tenants;
    private final TaskService taskService;
    private final ApprovalTasks tasks;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EscalateApproval(RequestService requests, Tenants tenants, TaskService taskService, ApprovalTasks tasks,
            ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.requests = requests;
        this.tenants = tenants;
        this.taskService = taskService;
        this.tasks = tasks;
        this.events = events;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
        ResourceRequest request = requests.load(Variables.REQUEST_ID.get(execution));
        String level = ApprovalModel.LEVEL.get(execution);
        List<String> steps = ApprovalModel.APPROVAL_STEPS.get(execution);
        int next = steps.indexOf(level) + 1;
        String target = next < steps.size()
                ? tenants.approverGroup(request.tenantId(), steps.get(next), request.orgUnit())
                : tenants.find(request.tenantId()).orElseThrow().approval().escalationGroup();
        Task task = taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(ApprovalModel.APPROVAL_TASK).singleResult();
        if (task == null) {
            return;
        }
        taskService.addCandidateGroup(task.getId(), target);
        taskService.setVariableLocal(task.getId(), "escalatedTo", target);
        tasks.escalated(task.getId(), target);
        events.publishEvent(new ApprovalEscalated(request.id(), request.tenantId(), level,
                ApprovalModel.CANDIDATE_GROUP.get(execution), target, clock.instant()));
    }
}
