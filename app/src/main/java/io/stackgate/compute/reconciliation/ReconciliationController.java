package io.stackgate.compute.reconciliation;

import io.stackgate.compute.Finding;
import io.stackgate.compute.NotAnOperator;
import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What reconciliation found, a run on demand and the one action on an orphan: for platform operators. */
@Tag(name = "Operations", description = "Reconciliation of the hosts' domains with the VM records")
@RestController
@RequestMapping("/api/reconciliation")
class ReconciliationController {

    /** @param action {@code destroy}: power off and undefine the orphan domain */
    record Resolve(String action) {
    }

    private final Reconciliation reconciliation;
    private final CallerResolver callers;

    ReconciliationController(Reconciliation reconciliation, CallerResolver callers) {
        this.reconciliation = reconciliation;
        this.callers = callers;
    }

    @Operation(operationId = "listFindings", summary = "Findings newest first, one page, optionally of one host and only open (open=true) or only resolved")
    @GetMapping("/findings")
    Page<Finding> findings(@RequestParam(required = false) String host, @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        operator();
        return reconciliation.findings(host, open, request);
    }

    @Operation(operationId = "runReconciliation", summary = "Reconcile every host now; answers the findings this run opened, saw again or resolved, and "
            + "each host's outcome (skipped, with the reason, when it is down or stops answering)")
    @PostMapping("/run")
    Reconciliation.Run run() {
        operator();
        return reconciliation.reconcile();
    }

    @Operation(operationId = "resolveFinding", summary = "Resolve an open ORPHAN finding by destroying and undefining its domain ({\"action\":\"destroy\"})")
    @PostMapping("/findings/{id}/resolve")
    Finding resolve(@PathVariable long id, @RequestBody Resolve body) {
        Caller caller = operator();
        if (!"destroy".equals(body.action())) {
            throw new InvalidInput("action", "must be destroy");
        }
        return reconciliation.destroyOrphan(id, caller.username());
    }

    private Caller operator() {
        Caller caller = callers.current();
        if (!caller.isPlatformWide()) {
            throw new NotAnOperator("reconciliation");
        }
        return caller;
    }
}
