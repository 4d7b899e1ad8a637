package io.stackgate.approvals.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.stackgate.approvals.decisions.ApprovalDecisions;
import io.stackgate.approvals.decisions.TaskHolding;
import io.stackgate.approvals.inbox.ApprovalInbox;
import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@Tag(name = "Approvals", description = "The approver task inbox")
@RestController
@RequestMapping("/api/tasks")
@Validated
class TaskController {

    private final ApprovalInbox inbox;
    private final TaskHolding holding;
    private final ApprovalDecisions decisions;
    private final RequestService requests;
    private final CallerResolver callers;

    TaskController(ApprovalInbox inbox, TaskHolding holding, ApprovalDecisions decisions, RequestService requests,
            CallerResolver callers) {
        this.inbox = inbox;
        this.holding = holding;
        this.decisions = decisions;
        this.requests = requests;
        this.callers = callers;
    }

    /** The request a task decides, as an approver sees it (cloud-init user data and SSH keys only for its owners). */
    @Schema(name = "TaskRequest") // not the request list's RequestSummary: one name per shape in the API document
    record RequestSummary(String id, String tenant, String project, String orgUnit, String type, String requester,
            String justification, BigDecimal monthlyCost, String currency, boolean overQuota, Object spec,
            List<String> hidden) {
    }

    /**
     * @param requestId   the request it decides (also in {@code request}; flat here for list rows)
     * @param type        the request's type
     * @param requester   the requester's display name (their username)
     * @param assignee    who holds the task (claimed, or delegated to), null when nobody does
     * @param delegatedBy who handed the task to its assignee, if it was delegated
     * @param due         when its level's SLA passes
     * @param overdue     its level's SLA has passed
     * @param escalated   its SLA passed and another group was made a candidate ({@code escalatedTo})
     */
    record TaskView(String id, String name, String level, String requestId, String type, String tenant, String project,
            String requester, List<String> candidateGroups, String assignee, String delegatedBy, Instant claimedAt,
            Instant created, Instant due, boolean overdue, boolean escalated, String escalatedTo,
            RequestSummary request) {
    }

    /** @param version grows whenever an open task of the caller's tenants changes; also the response's ETag */
    record InboxVersion(long version) {
    }

    record Decision(@Size(max = 2000) String comment) {
    }

    record Handover(@Size(max = 255) String user) {
    }

    @Operation(operationId = "listTasks", summary = "Open approval tasks: the caller's inbox (scope=mine, soonest due first) or, for tenant admins "
            + "and platform operators, every open task of the tenants they look after (scope=administered)")
    @GetMapping
    Page<TaskView> list(@RequestParam(required = false) String tenant,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String level,
            @Parameter(description = "only the tasks of this request") @RequestParam(required = false) String requestId,
            @Parameter(description = "true: only tasks past their SLA; false: only those within it")
            @RequestParam(required = false) Boolean overdue,
            @Parameter(description = "true: only tasks somebody holds (claimed or delegated); false: only unheld ones")
            @RequestParam(required = false) Boolean claimed,
            @Parameter(description = "true: only the tasks the caller holds") @RequestParam(required = false) Boolean claimedByMe,
            @Parameter(description = "mine (default) or administered") @RequestParam(defaultValue = "mine") String scope,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Caller caller = callers.current();
        ApprovalInbox.Filter filter = new ApprovalInbox.Filter(tenant, type, level, requestId, overdue, claimed,
                claimedByMe);
        PageRequest paging = PageRequest.of(page, size);
        Page<ApprovalInbox.InboxTask> tasks = switch (scope) {
            case "mine" -> inbox.inbox(caller, filter, paging);
            case "administered" -> inbox.administered(caller, filter, paging);
            default -> throw new InvalidInput("scope", "must be mine or administered");
        };
        return tasks.map(task -> view(caller, task));
    }

    @Operation(operationId = "getInboxVersion", summary = "A number that grows whenever an open task of the caller's "
            + "tenants is created, decided, claimed, released or escalated: poll it (If-None-Match answers 304) and "
            + "reload the inbox when it moved")
    @GetMapping("/version")
    ResponseEntity<InboxVersion> version(WebRequest web) {
        long version = inbox.version(callers.current());
        String etag = "\"" + version + "\"";
        if (web.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache()).body(new InboxVersion(version));
    }

    @Operation(operationId = "getTask", summary = "One open task the caller is a candidate for, or looks after as tenant admin or operator")
    @GetMapping("/{id}")
    TaskView get(@PathVariable String id) {
        Caller caller = callers.current();
        return view(caller, inbox.get(caller, id));
    }

    @Operation(operationId = "claimTask", summary = "Claim a task (or take back one you delegated)")
    @PostMapping("/{id}/claim")
    TaskView claim(@PathVariable String id) {
        Caller caller = callers.current();
        holding.claim(caller, id);
        return view(caller, inbox.get(caller, id));
    }

    @Operation(operationId = "approveTask", summary = "Approve a task's level")
    @PostMapping("/{id}/approve")
    ResponseEntity<Void> approve(@PathVariable String id, @RequestBody(required = false) @Valid Decision body) {
        decisions.approve(callers.current(), id, body == null ? null : body.comment());
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "rejectTask", summary = "Reject the request at this level (comment required)")
    @PostMapping("/{id}/reject")
    ResponseEntity<Void> reject(@PathVariable String id, @RequestBody(required = false) @Valid Decision body) {
        decisions.reject(callers.current(), id, body == null ? null : body.comment());
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "delegateTask", summary = "Hand the task to a peer approver (a user of the tenant in one of its approver groups)")
    @PostMapping("/{id}/delegate")
    TaskView delegate(@PathVariable String id, @RequestBody @Valid Handover body) {
        Caller caller = callers.current();
        holding.delegate(caller, id, body.user());
        return view(caller, inbox.get(caller, id));
    }

    @Operation(operationId = "releaseTask", summary = "Release a held task to all its candidates (its holder or delegator; a tenant admin or platform "
            + "operator when the holder is away)")
    @PostMapping("/{id}/release")
    TaskView release(@PathVariable String id) {
        Caller caller = callers.current();
        holding.release(caller, id);
        return view(caller, inbox.get(caller, id));
    }

    @Operation(operationId = "reassignTask", summary = "Give a task to an eligible approver (tenant admins and platform operators)")
    @PostMapping("/{id}/reassign")
    TaskView reassign(@PathVariable String id, @RequestBody @Valid Handover body) {
        Caller caller = callers.current();
        holding.reassign(caller, id, body.user());
        return view(caller, inbox.get(caller, id));
    }

    private TaskView view(Caller caller, ApprovalInbox.InboxTask task) {
        ResourceRequest r = task.request();
        RequestService.SpecView spec = requests.specFor(caller, r);
        RequestSummary request = new RequestSummary(r.id(), r.tenantId(), r.projectId(), r.orgUnit(), r.type().id(),
                r.requester(), r.justification(), r.monthlyCost(), r.currency(), r.overQuota(), spec.spec(), spec.hidden());
        return new TaskView(task.id(), task.name(), task.level(), r.id(), r.type().id(), r.tenantId(), r.projectId(),
                r.requester(), task.candidateGroups(), task.assignee(), task.delegatedBy(), task.claimedAt(),
                task.created(), task.due(), task.overdue(), task.escalatedTo() != null, task.escalatedTo(), request);
    }
}
