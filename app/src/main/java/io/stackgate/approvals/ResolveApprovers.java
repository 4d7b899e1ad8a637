package io.stackgate.approvals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.stackgate.requests.RequestService;

/**
 * Service task "Resolve approvers": turns the approval chain's levels (in the DMN's rule order, possibly
 * repeated) into the ordered list of distinct levels the approval sub-process walks through.
 */
@Component("resolveApprovers")
class ResolveApprovers implements JavaDelegate {

    private final RequestService requests;

    ResolveApprovers(RequestService requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object chosen = execution.getVariable("approvalLevels");
        List<String> steps = new ArrayList<>(new LinkedHashSet<>(
                chosen instanceof List<?> levels ? levels.stream().map(String::valueOf).toList() : List.of()));
        execution.setVariable("approvalSteps", steps);
        execution.setVariable("approvalNeeded", !steps.isEmpty());
        if (!steps.isEmpty()) {
            requests.awaitApproval((String) execution.getVariable("requestId"));
        }
    }
}
