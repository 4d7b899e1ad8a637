package io.stackgate.approvals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.validation.annotation.Validated;

import io.stackgate.identity.CallerResolver;
import io.stackgate.requests.ResourceRequest;

@Tag(name = "Approvals", description = "The approver task inbox")
@RestController
@RequestMapping("/api/tasks")
@Validated
class TaskController {

    private final ApprovalService approvals;
    private final CallerResolver callers;

    TaskController(ApprovalService approvals, CallerResolver callers) {
        this.approvals = approvals;
        this.callers = callers;
    }

    record RequestSummary(String id, String tenant, String project, String orgUnit, String type, String requester,
            String justification, BigDecimal monthlyCost, String currency, boolean overQuota, Object spec) {

        static RequestSummary of(ResourceRequest r) {
            return new RequestSummary(r.id(), r.tenantId(), r.projectId(), r.orgUnit(), r.type().id(), r.requester(),
                    r.justification(), r.monthlyCost(), r.currency(), r.overQuota(), r.spec());
        }
    }

    record TaskView(String id, String name, String level, List<String> candidateGroups, String assignee,
            Instant created, Instant due, String escalatedTo, RequestSummary request) {

        static TaskView of(ApprovalService.InboxTask t) {
            return new TaskView(t.id(), t.name(), t.level(), t.candidateGroups(), t.assignee(), t.created(), t.due(),
                    t.escalatedTo(), RequestSummary.of(t.request()));
        }
    }

    record Decision(@Size(max = 2000) String comment) {
    }

    record Delegation(String user) {
    }

    @Operation(operationId = "listTasks", summary = "Tasks the caller may act on, across its tenants, soonest due first")
    @GetMapping
    List<TaskView> inbox() {
        return approvals.inbox(callers.current()).stream().map(TaskView::of).toList();
    }

    @Operation(operationId = "getTask", summary = "One task")
    @GetMapping("/{id}")
    TaskView get(@PathVariable String id) {
        return TaskView.of(approvals.get(callers.current(), id));
    }

    @Operation(operationId = "claimTask", summary = "Claim a task")
    @PostMapping("/{id}/claim")
    TaskView claim(@PathVariable String id) {
        return TaskView.of(approvals.claim(callers.current(), id));
    }

    @Operation(operationId = "approveTask", summary = "Approve a task's level")
    @PostMapping("/{id}/approve")
    ResponseEntity<Void> approve(@PathVariable String id, @RequestBody(required = false) @jakarta.validation.Valid Decision body) {
        approvals.approve(callers.current(), id, body == null ? null : body.comment());
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "rejectTask", summary = "Reject the request at this level (comment required)")
    @PostMapping("/{id}/reject")
    ResponseEntity<Void> reject(@PathVariable String id, @RequestBody(required = false) @jakarta.validation.Valid Decision body) {
        approvals.reject(callers.current(), id, body == null ? null : body.comment());
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "delegateTask", summary = "Hand the task to another user")
    @PostMapping("/{id}/delegate")
    TaskView delegate(@PathVariable String id, @RequestBody Delegation body) {
        return TaskView.of(approvals.delegate(callers.current(), id, body.user()));
    }
}
