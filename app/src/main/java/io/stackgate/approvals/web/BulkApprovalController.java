package io.stackgate.approvals.web;

import java.util.List;

import io.stackgate.approvals.decisions.BulkApprovals;
import io.stackgate.identity.CallerResolver;
import io.stackgate.web.ProblemAdvice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Approving several tasks of the inbox at once, each checked and decided on its own. */
@Tag(name = "Approvals", description = "The approver task inbox")
@RestController
@Validated
class BulkApprovalController {

    record BulkApproval(@NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 64) String> taskIds,
            @Size(max = 2000) String comment) {
    }

    enum Outcome { APPROVED, REFUSED }

    /** Why a task was not approved: the problem a single approval would have answered with. */
    record ItemProblem(String type, String title, String detail, int status) {
    }

    /** @param requestId null when the task is unknown to the caller */
    record ItemResult(String taskId, String requestId, Outcome outcome, ItemProblem problem) {
    }

    record BulkResult(List<ItemResult> results, int approved, int refused) {
    }

    private final BulkApprovals bulk;
    private final CallerResolver callers;

    BulkApprovalController(BulkApprovals bulk, CallerResolver callers) {
        this.bulk = bulk;
        this.callers = callers;
    }

    @Operation(operationId = "bulkApproveTasks", summary = "Approve several tasks: each checked exactly as a single "
            + "approval and decided in its own transaction; answers each task's outcome (one refusal stops no other)")
    @PostMapping("/api/tasks/bulk-approve")
    BulkResult approve(@RequestBody @Valid BulkApproval body) {
        List<ItemResult> results = bulk.approve(callers.current(), body.taskIds(), body.comment()).stream()
                .map(BulkApprovalController::result).toList();
        int approved = (int) results.stream().filter(r -> r.outcome() == Outcome.APPROVED).count();
        return new BulkResult(results, approved, results.size() - approved);
    }

    private static ItemResult result(BulkApprovals.Outcome outcome) {
        if (outcome.approved()) {
            return new ItemResult(outcome.taskId(), outcome.requestId(), Outcome.APPROVED, null);
        }
        ProblemDetail problem = ProblemAdvice.problemOf(outcome.refusal());
        return new ItemResult(outcome.taskId(), outcome.requestId(), Outcome.REFUSED, new ItemProblem(
                String.valueOf(problem.getType()), problem.getTitle(), problem.getDetail(), problem.getStatus()));
    }
}
