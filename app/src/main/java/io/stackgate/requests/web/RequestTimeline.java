package io.stackgate.requests.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.stackgate.identity.Caller;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.ApprovalRecords.Approvals;
import io.stackgate.requests.ApprovalRecords.Entry;
import io.stackgate.requests.ApprovalRecords.Level;
import io.stackgate.requests.ApprovalRecords;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.requests.process.CancelRequest;
import io.stackgate.requests.process.CompleteRequest;
import io.stackgate.requests.process.FailRequest;
import io.stackgate.requests.process.MarkApproved;
import io.stackgate.requests.process.RejectRequest;
import io.stackgate.requests.process.StartProvisioning;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * A request's timeline (who, what, when): its own milestones from the engine's history of the request process, and
 * its approval levels as the approvals module tells them ({@link ApprovalRecords}).
 */
@Component
class RequestTimeline {

    /** Steps of the request process worth a line in the timeline, by activity id. */
    private static final Map<String, String> MILESTONES = Map.of(
            "MarkApproved", "request-approved",
            "StartProvisioning", "provisioning-started",
            "CompleteRequest", "completed",
            "RejectRequest", "rejected",
            "CancelRequest", "cancelled",
            "FailRequest", "failed");

    /** The order of timeline actions within one level (or the request) when their times tie. */
    private static final List<String> RANK = List.of("submitted", "approval-requested", "claimed", "delegated",
            "escalated", "approved", "rejected", "request-approved", "provisioning-started", "completed", "cancelled",
            "failed");

    record History(List<Level> levels, List<Entry> timeline) {
    }

    private final HistoryService history;
    private final ApprovalRecords approvals;
    private final EngineAuthentication engine;

    RequestTimeline(HistoryService history, ApprovalRecords approvals, EngineAuthentication engine) {
        this.history = history;
        this.approvals = approvals;
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
        Approvals approval = approvals.of(processInstanceId);
        List<String> order = approval.levels().stream().map(Level::level).toList();
        List<Entry> timeline = new ArrayList<>();
        timeline.add(new Entry(instance.getStartTime().toInstant(), instance.getStartUserId(), "submitted", null, null));
        timeline.addAll(approval.entries());
        history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).list().stream()
                .filter(a -> MILESTONES.containsKey(a.getActivityId()) && a.getEndTime() != null)
                .forEach(a -> timeline.add(milestone(a)));
        // MySQL keeps whole seconds: within one second, order by level, then by the step's place in the flow
        timeline.sort(Comparator.comparing(Entry::at)
                .thenComparingInt(e -> e.action().equals("submitted") ? -1
                        : e.level() == null ? order.size() : order.indexOf(e.level()))
                .thenComparingInt(e -> RANK.indexOf(e.action())));
        return new History(approval.levels(), timeline);
    }

    private static Entry milestone(HistoricActivityInstance activity) {
        return new Entry(activity.getEndTime().toInstant(), "system", MILESTONES.get(activity.getActivityId()), null, null);
    }
}
