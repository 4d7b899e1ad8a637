package io.stackgate.compute.provisioning;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Service task "Reserve placement": sets {@code placed}; when no host has room, also {@code placementRetryIn} (an ISO
 * duration, growing with each attempt) for the timer that waits before the next attempt.
 */
@Component("reservePlacement")
class ReservePlacement extends VmStep {

    private final VmProvisioning provisioning;

    ReservePlacement(Steps steps, VmProvisioning provisioning) {
        super(steps);
        this.provisioning = provisioning;
    }

    @Override
    protected String name() {
        return "reserve placement";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        Object previous = execution.getVariable("placementAttempts");
        int attempt = previous == null ? 1 : ((Number) previous).intValue() + 1;
        VmProvisioning.PlacementOutcome outcome = provisioning.reservePlacement(requestId, vmIndex, attempt);
        execution.setVariable("placementAttempts", attempt);
        if (outcome instanceof VmProvisioning.PlacementOutcome.Waiting waiting) {
            execution.setVariable("placed", false);
            execution.setVariable("placementRetryIn", waiting.retryIn().toString());
        } else {
            execution.setVariable("placed", true);
        }
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        provisioning.releasePlacement(requestId, vmIndex);
    }
}
