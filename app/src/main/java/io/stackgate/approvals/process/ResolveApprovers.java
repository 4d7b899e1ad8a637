package io.stackgate.approvals.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Resolve approvers": turns the approval chain's levels (in the DMN's rule order, possibly
 * repeated) into the ordered list of distinct levels the approval sub-process walks through. The request's status is
 * the requests capability's: its task "Mark pending approval" follows when a level is needed.
 */
@Component("resolveApprovers")
class ResolveApprovers implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        List<String> steps = new ArrayList<>(new LinkedHashSet<>(
                ApprovalModel.APPROVAL_LEVELS.get(execution, List.of())));
        ApprovalModel.APPROVAL_STEPS.set(execution, steps);
        ApprovalModel.APPROVAL_NEEDED.set(execution, !steps.isEmpty());
    }
}
