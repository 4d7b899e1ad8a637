package io.stackgate.approvals.web;

import io.stackgate.approvals.inbox.DecisionContexts;
import io.stackgate.identity.CallerResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The decision screen: everything an approver weighs before deciding a task. */
@Tag(name = "Approvals", description = "The approver task inbox")
@RestController
class DecisionContextController {

    private final DecisionContexts contexts;
    private final CallerResolver callers;

    DecisionContextController(DecisionContexts contexts, CallerResolver callers) {
        this.contexts = contexts;
        this.callers = callers;
    }

    @Operation(operationId = "getTaskContext", summary = "What a task's decision needs: requester and org unit, spec, "
            + "justification, cost against the tenant's threshold, the project's quota before and after, the project's "
            + "earlier requests, and the level's SLA and escalation (whoever may see the task)")
    @GetMapping("/api/tasks/{id}/context")
    DecisionContexts.DecisionContext context(@PathVariable String id) {
        return contexts.of(callers.current(), id);
    }
}
