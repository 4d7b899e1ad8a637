package io.stackgate.requests.web;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.stackgate.identity.Caller;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.ApprovalRecords.Approvals;
import io.stackgate.requests.ApprovalRecords.Entry;
import io.stackgate.requests.ApprovalRecords.Level;
import io.stackgate.requests.ApprovalRecords;
import io.stackgate.requests.RequestTrail;
import io.stackgate.requests.ResourceRequest;
import org.springframework.stereotype.Component;

/**
 * A request's timeline (who, what, when): what happened to it as the audit log recorded it ({@link RequestTrail}); its
 * approval levels as the approvals module tells them ({@link ApprovalRecords}).
 */
@Component
class RequestTimeline {

    /** The order of timeline actions within one level (or the request) when their times tie. */
    private static final List<String> RANK = List.of("submitted", "approval-requested", "claimed", "delegated",
            "escalated", "approved", "rejected", "request-approved", "provisioning-started", "completed", "cancelled",
            "failed");

    record History(List<Level> levels, List<Entry> timeline) {
    }

    private final ApprovalRecords approvals;
    private final RequestTrail trail;
    private final EngineAuthentication engine;

    RequestTimeline(ApprovalRecords approvals, RequestTrail trail, EngineAuthentication engine) {
        this.approvals = approvals;
        this.trail = trail;
        this.engine = engine;
    }

    History of(Caller caller, ResourceRequest request) {
        if (request.processInstanceId() == null) {
            return new History(List.of(), List.of());
        }
        Approvals approval = engine.as(caller, () -> approvals.of(request.processInstanceId()));
        List<String> order = approval.levels().stream().map(Level::level).toList();
        List<Entry> timeline = new ArrayList<>(trail.of(request.id()));
        // the audit log (and MySQL) keep whole seconds: within one second, order by level, then by the step's place
        timeline.sort(Comparator.comparing((Entry e) -> e.at().truncatedTo(ChronoUnit.SECONDS))
                .thenComparingInt(e -> e.action().equals("submitted") ? -1
                        : e.level() == null ? order.size() : order.indexOf(e.level()))
                .thenComparingInt(e -> RANK.indexOf(e.action())));
        return new History(approval.levels(), timeline);
    }
}
