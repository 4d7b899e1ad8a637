package io.stackgate.requests.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.requests.ApprovalRecords;
import io.stackgate.requests.RequestDraft;
import io.stackgate.requests.RequestPreview;
import io.stackgate.requests.RequestPreviews;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.RequestStatus;
import io.stackgate.requests.RequestType;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.requests.SubmitRequest;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Requests", description = "The request portal: submit, follow and cancel requests")
@RestController
@RequestMapping("/api/requests")
class RequestController {

    private final RequestService requests;
    private final RequestPreviews previews;
    private final RequestTimeline timelines;
    private final RequestDiagram diagrams;
    private final CallerResolver callers;

    RequestController(RequestService requests, RequestPreviews previews, RequestTimeline timelines,
            RequestDiagram diagrams, CallerResolver callers) {
        this.requests = requests;
        this.previews = previews;
        this.timelines = timelines;
        this.diagrams = diagrams;
        this.callers = callers;
    }

    record RequestSummary(String id, String tenant, String project, String orgUnit, String type, RequestStatus status,
            String requester, String justification, BigDecimal monthlyCost, String currency, boolean overQuota,
            String outcome, Instant createdAt, Instant updatedAt) {

        static RequestSummary of(ResourceRequest r) {
            return new RequestSummary(r.id(), r.tenantId(), r.projectId(), r.orgUnit(), r.type().id(), r.status(),
                    r.requester(), r.justification(), r.monthlyCost(), r.currency(), r.overQuota(), r.outcome(),
                    r.createdAt(), r.updatedAt());
        }
    }

    /** @param hidden spec fields left out for this caller (cloud-init user data, SSH keys: for the request's owners) */
    record RequestDetails(String id, String tenant, String project, String orgUnit, String type, RequestSpec spec,
            List<String> hidden, RequestStatus status, String requester, String justification, BigDecimal monthlyCost,
            String currency, boolean overQuota, String outcome, Instant createdAt, Instant updatedAt,
            List<LevelView> approvalLevels, List<ApprovalRecords.Entry> timeline) {
    }

    /**
     * One approval level of the request (see {@link ApprovalRecords.Level}), and whether its SLA passed.
     *
     * @param due         when its SLA passes (the task escalates then)
     * @param escalatedAt when it escalated; null while it has not
     */
    @Schema(name = "RequestLevel") // a tenant's LevelView is its configured level
    record LevelView(String level, String state, String candidateGroup, String assignee, Instant due, String decidedBy,
            Instant decidedAt, String comment, boolean escalated, Instant escalatedAt) {

        static LevelView of(ApprovalRecords.Level level, List<ApprovalRecords.Entry> timeline) {
            Instant escalatedAt = timeline.stream()
                    .filter(e -> "escalated".equals(e.action()) && level.level().equals(e.level()))
                    .map(ApprovalRecords.Entry::at).findFirst().orElse(null);
            return new LevelView(level.level(), level.state(), level.candidateGroup(), level.assignee(), level.due(),
                    level.decidedBy(), level.decidedAt(), level.comment(), escalatedAt != null, escalatedAt);
        }
    }

    @Operation(operationId = "submitRequest", summary = "Submit a request (quota is reserved now; approval follows the tenant's policy)")
    @PostMapping
    ResponseEntity<RequestDetails> submit(@Valid @RequestBody SubmitRequest body) {
        Caller caller = callers.current();
        ResourceRequest request = requests.submit(caller, body);
        return ResponseEntity.created(URI.create("/api/requests/" + request.id())).body(details(caller, request));
    }

    @Operation(operationId = "previewRequest", summary = "What a submit would lead to (cost, quota fit, approval levels), "
            + "checked as a submit is (but for the justification, which may still be empty), without submitting anything")
    @PostMapping("/preview")
    RequestPreview preview(@Valid @RequestBody RequestDraft body) {
        return previews.preview(callers.current(), body.asSubmission());
    }

    @Operation(operationId = "listRequests", summary = "Requests of the caller's tenants, newest first, a page at a time")
    @GetMapping
    Page<RequestSummary> list(@RequestParam(required = false) String tenant,
            @RequestParam(required = false) String project,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @Parameter(description = "true: only the caller's own requests") @RequestParam(defaultValue = "false") boolean mine,
            @Parameter(description = "a request id or its beginning, or words of the justification (case-insensitive)")
            @RequestParam(required = false) String text,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        RequestService.RequestFilter filter = new RequestService.RequestFilter(tenant, project, type(type), status(status),
                mine, text);
        return requests.list(callers.current(), filter, PageRequest.of(page, size)).map(RequestSummary::of);
    }

    @Operation(operationId = "getRequest", summary = "One request with its approval levels and timeline")
    @GetMapping("/{id}")
    RequestDetails get(@PathVariable String id) {
        Caller caller = callers.current();
        return details(caller, requests.get(caller, id));
    }

    @Operation(operationId = "getRequestDiagram", summary = "The request's process as deployed (BPMN XML) with the state "
            + "of each activity, and the processes it called")
    @GetMapping("/{id}/diagram")
    RequestDiagram.Diagram diagram(@PathVariable String id) {
        Caller caller = callers.current();
        return diagrams.of(caller, requests.get(caller, id));
    }

    @Operation(operationId = "cancelRequest", summary = "Cancel a request that has not started provisioning (requester or tenant admin)")
    @PostMapping("/{id}/cancel")
    RequestDetails cancel(@PathVariable String id) {
        Caller caller = callers.current();
        return details(caller, requests.cancel(caller, id));
    }

    private RequestDetails details(Caller caller, ResourceRequest r) {
        RequestTimeline.History history = timelines.of(caller, r);
        RequestService.SpecView spec = requests.specFor(caller, r);
        return new RequestDetails(r.id(), r.tenantId(), r.projectId(), r.orgUnit(), r.type().id(), spec.spec(),
                spec.hidden(), r.status(),
                r.requester(), r.justification(), r.monthlyCost(), r.currency(), r.overQuota(), r.outcome(),
                r.createdAt(), r.updatedAt(),
                history.levels().stream().map(level -> LevelView.of(level, history.timeline())).toList(),
                history.timeline());
    }

    private static RequestType type(String type) {
        if (type == null) {
            return null;
        }
        try {
            return RequestType.of(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("type", "must be one of " + RequestType.ids());
        }
    }

    private static RequestStatus status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return RequestStatus.valueOf(status.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", "must be one of " + List.of(RequestStatus.values()));
        }
    }
}
