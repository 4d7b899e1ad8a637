package io.stackgate.requests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

import io.stackgate.identity.Caller;
import io.stackgate.identity.EngineAuthentication;

/** Reads a request's approval levels and its timeline (who, what, when) from Camunda's history. */
@Component
class RequestTimeline {

    static final String APPROVAL_TASK = "ApproveLevel";

    /** Steps of the request process worth a line in the timeline, by activity id. */
    private static final Map<String, String> MILESTONES = Map.of(
            "MarkApproved", "request-approved",
            "StartProvisioning", "provisioning-started",
            "CompleteRequest", "completed",
            "RejectRequest", "rejected",
            "CancelRequest", "cancelled",
            "FailRequest", "failed",
            "EscalateApproval", "escalated");

    /** The order of timeline actions within one level (or the request) when their times tie. */
    private static final List<String> RANK = List.of("submitted", "approval-requested", "claimed", "delegated",
            "escalated", "approved", "rejected", "request-approved", "provisioning-started", "completed", "cancelled",
            "failed");

    record Entry(Instant at, String actor, String action, String level, String detail) {
    }

    record Level(String level, String state, String candidateGroup, String assignee, Instant due, String decidedBy,
            Instant decidedAt, String comment) {
    }

    record History(List<Level> levels, List<Entry> timeline) {
    }

    private final HistoryService history;
    private final EngineAuthentication engine;

    RequestTimeline(HistoryService history, EngineAuthentication engine) {
        this.history = history;
        this.engine = engine;
    }

    History of(Caller caller, ResourceRequest request) {
        if (request.processInstanceId() == null) {
            return new History(List.of(), List.of());
        }
        return engine.as(caller, () -> read(request.processInstanceId()));
    }

    private History read(String processInstanceId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            return new History(List.of(), List.of());
        }
        List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
                .processInstanceId(processInstanceId).taskDefinitionKey(APPROVAL_TASK)
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
        List<String> steps = approvalSteps(processInstanceId);

        List<Entry> timeline = new ArrayList<>();
        timeline.add(new Entry(instance.getStartTime().toInstant(), instance.getStartUserId(), "submitted", null, null));
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            String level = steps.get(i);
            HistoricTaskInstance task = i < tasks.size() ? tasks.get(i) : null;
            levels.add(level(level, task, task == null ? Map.of() : taskVariables.getOrDefault(task.getId(), Map.of()),
                    links, instance.getEndTime() != null));
            if (task != null) {
                addTaskEntries(timeline, level, task, taskVariables.getOrDefault(task.getId(), Map.of()), links);
            }
        }
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).list();
        Map<String, String> levelOfScope = new HashMap<>();
        for (int i = 0; i < tasks.size() && i < steps.size(); i++) {
            String taskActivity = tasks.get(i).getActivityInstanceId();
            String level = steps.get(i);
            activities.stream().filter(a -> a.getId().equals(taskActivity)).findFirst()
                    .ifPresent(a -> levelOfScope.put(a.getParentActivityInstanceId(), level));
        }
        activities.stream()
                .filter(a -> MILESTONES.containsKey(a.getActivityId()) && a.getEndTime() != null)
                .forEach(a -> timeline.add(milestone(a, levelOfScope.get(a.getParentActivityInstanceId()))));
        // MySQL keeps whole seconds: within one second, order by level, then by the step's place in the flow
        timeline.sort(Comparator.comparing(Entry::at)
                .thenComparingInt(e -> e.action().equals("submitted") ? -1
                        : e.level() == null ? steps.size() : steps.indexOf(e.level()))
                .thenComparingInt(e -> RANK.indexOf(e.action())));
        return new History(levels, timeline);
    }

    private List<String> approvalSteps(String processInstanceId) {
        HistoricVariableInstance steps = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName("approvalSteps").singleResult();
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
        Object decision = vars.get("decision");
        String state = "approved".equals(decision) ? "APPROVED" : "rejected".equals(decision) ? "REJECTED" : "CLOSED";
        return new Level(level, state, group, task.getAssignee(), due, (String) vars.get("decidedBy"),
                task.getEndTime().toInstant(), (String) vars.get("comment"));
    }

    private static void addTaskEntries(List<Entry> timeline, String level, HistoricTaskInstance task,
            Map<String, Object> vars, List<HistoricIdentityLinkLog> links) {
        timeline.add(new Entry(task.getStartTime().toInstant(), null, "approval-requested", level, task.getName()));
        for (HistoricIdentityLinkLog link : links) {
            if (!task.getId().equals(link.getTaskId()) || !"add".equals(link.getOperationType())
                    || !Set.of("assignee").contains(link.getType()) || link.getUserId() == null) {
                continue;
            }
            boolean byOther = link.getAssignerId() != null && !link.getAssignerId().equals(link.getUserId());
            timeline.add(new Entry(link.getTime().toInstant(), link.getAssignerId() == null ? link.getUserId() : link.getAssignerId(),
                    byOther ? "delegated" : "claimed", level, byOther ? "to " + link.getUserId() : null));
        }
        Object decision = vars.get("decision");
        if (decision != null && task.getEndTime() != null) {
            timeline.add(new Entry(task.getEndTime().toInstant(), (String) vars.get("decidedBy"), (String) decision, level,
                    (String) vars.get("comment")));
        }
    }

    private static Entry milestone(HistoricActivityInstance activity, String level) {
        return new Entry(activity.getEndTime().toInstant(), "system", MILESTONES.get(activity.getActivityId()), level, null);
    }
}
