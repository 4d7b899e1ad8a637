package io.stackgate.approvals.process;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.stackgate.requests.ApprovalRecords;
import io.stackgate.requests.RequestVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/** Tells a request's approval levels and their timeline from the engine's history of the approval sub-process. */
@Component
class ApprovalHistory implements ApprovalRecords {

    /** The escalation step of the approval sub-process: a line in the timeline of the level it escalated. */
    private static final String ESCALATION = "EscalateApproval";

    private final HistoryService history;

    ApprovalHistory(HistoryService history) {
        this.history = history;
    }

    @Override
    public Approvals of(String processInstanceId) {
        List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
                .processInstanceId(processInstanceId).taskDefinitionKey(ApprovalModel.APPROVAL_TASK)
                .orderByHistoricActivityInstanceStartTime().asc().list();
        Map<String, Map<String, Object>> taskVariables = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).list().stream()
                .filter(v -> v.getTaskId() != null && v.getValue() != null)
                .collect(Collectors.groupingBy(HistoricVariableInstance::getTaskId,
                        Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue, (a, b) -> b)));
        List<HistoricIdentityLinkLog> links = tasks.stream()
                .flatMap(task -> history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).orderByTime().asc()
                        .list().stream())
                .toList();
        boolean ended = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .finished().count() > 0;
        List<String> steps = approvalSteps(processInstanceId);

        List<Level> levels = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            String level = steps.get(i);
            HistoricTaskInstance task = i < tasks.size() ? tasks.get(i) : null;
            Map<String, Object> vars = task == null ? Map.of() : taskVariables.getOrDefault(task.getId(), Map.of());
            levels.add(level(level, task, vars, links, ended));
            if (task != null) {
                addTaskEntries(entries, level, task, vars, links);
            }
        }
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).list();
        for (int i = 0; i < tasks.size() && i < steps.size(); i++) {
            String taskActivity = tasks.get(i).getActivityInstanceId();
            String level = steps.get(i);
            activities.stream().filter(a -> a.getId().equals(taskActivity)).findFirst()
                    .map(HistoricActivityInstance::getParentActivityInstanceId)
                    .ifPresent(scope -> activities.stream()
                            .filter(a -> ESCALATION.equals(a.getActivityId()) && a.getEndTime() != null
                                    && scope.equals(a.getParentActivityInstanceId()))
                            .forEach(a -> entries.add(new Entry(a.getEndTime().toInstant(), "system", "escalated", level,
                                    null))));
        }
        return new Approvals(levels, entries);
    }

    private List<String> approvalSteps(String processInstanceId) {
        HistoricVariableInstance steps = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(ApprovalModel.APPROVAL_STEPS.name()).singleResult();
        if (steps == null || !(steps.getValue() instanceof List<?> values)) {
            return List.of();
        }
        return values.stream().map(String::valueOf).toList();
    }

    private static Level level(String level, HistoricTaskInstance task, Map<String, Object> vars,
            List<HistoricIdentityLinkLog> links, boolean processEnded) {
        if (task == null) {
            return new Level(level, processEnded ? "SKIPPED" : "WAITING", null, null, null, null, null, null);
        }
        String group = links.stream().filter(l -> task.getId().equals(l.getTaskId()) && l.getGroupId() != null
                && "add".equals(l.getOperationType())).map(HistoricIdentityLinkLog::getGroupId).findFirst().orElse(null);
        Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
        if (task.getEndTime() == null) {
            return new Level(level, "PENDING", group, task.getAssignee(), due, null, null, null);
        }
        Object decision = vars.get(ApprovalModel.DECISION);
        String state = "approved".equals(decision) ? "APPROVED" : "rejected".equals(decision) ? "REJECTED" : "CLOSED";
        return new Level(level, state, group, task.getAssignee(), due, (String) vars.get(RequestVariables.DECIDED_BY.name()),
                task.getEndTime().toInstant(), (String) vars.get(ApprovalModel.COMMENT));
    }

    private static void addTaskEntries(List<Entry> entries, String level, HistoricTaskInstance task,
            Map<String, Object> vars, List<HistoricIdentityLinkLog> links) {
        entries.add(new Entry(task.getStartTime().toInstant(), null, "approval-requested", level, task.getName()));
        for (HistoricIdentityLinkLog link : links) {
            if (!task.getId().equals(link.getTaskId()) || !"add".equals(link.getOperationType())
                    || !"assignee".equals(link.getType()) || link.getUserId() == null) {
                continue;
            }
            boolean byOther = link.getAssignerId() != null && !link.getAssignerId().equals(link.getUserId());
            entries.add(new Entry(link.getTime().toInstant(),
                    link.getAssignerId() == null ? link.getUserId() : link.getAssignerId(),
                    byOther ? "delegated" : "claimed", level, byOther ? "to " + link.getUserId() : null));
        }
        Object decision = vars.get(ApprovalModel.DECISION);
        if (decision != null && task.getEndTime() != null) {
            entries.add(new Entry(task.getEndTime().toInstant(), (String) vars.get(RequestVariables.DECIDED_BY.name()),
                    (String) decision, level, (String) vars.get(ApprovalModel.COMMENT)));
        }
    }
}
