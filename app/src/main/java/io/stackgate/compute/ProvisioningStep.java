package io.stackgate.compute;

import io.stackgate.requests.FailureCause;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service task of {@code provision-vm}: runs one step for the VM named by the process variables {@code requestId}
 * and {@code vmIndex}. A failure is retried by the job executor (the step's retry cycle); when the last attempt
 * fails, the step undoes its own partial work and throws the BPMN error {@value #ERROR_CODE}, upon which the process
 * compensates the steps that completed and ends the request as failed.
 */
public abstract class ProvisioningStep implements JavaDelegate {

    public static final String ERROR_CODE = "provisioning-step-failed";

    private static final Logger log = LoggerFactory.getLogger(ProvisioningStep.class);

    private final ProvisioningSteps steps;

    protected ProvisioningStep(ProvisioningSteps steps) {
        this.steps = steps;
    }

    /** What the step is called in causes and logs. */
    protected abstract String name();

    protected abstract void run(String requestId, int vmIndex, DelegateExecution execution);

    /** Removes what this step may have made before it failed; idempotent. */
    protected void undo(String requestId, int vmIndex) {
    }

    @Override
    public final void execute(DelegateExecution execution) {
        String requestId = requestId(execution);
        int vmIndex = vmIndex(execution);
        try {
            steps.withinSavepoint(() -> {
                run(requestId, vmIndex, execution);
                return null;
            });
        } catch (BpmnError error) {
            throw error;
        } catch (RuntimeException failure) {
            if (!steps.lastAttempt(execution)) {
                log.info("{} of {}#{} failed, will retry: {}", name(), requestId, vmIndex, failure.getMessage());
                throw failure;
            }
            log.warn("{} of {}#{} failed for the last time: {}", name(), requestId, vmIndex, failure.getMessage());
            try {
                undo(requestId, vmIndex);
            } catch (RuntimeException undoFailure) {
                failure.addSuppressed(undoFailure);
                throw failure; // leaves an incident: an operator must look at what could not be undone
            }
            throw new BpmnError(ERROR_CODE, FailureCause.clip(name() + " failed: " + failure.getMessage(),
                    FailureCause.PROCESS_VARIABLE));
        }
    }

    public static String requestId(DelegateExecution execution) {
        return (String) execution.getVariable("requestId");
    }

    public static int vmIndex(DelegateExecution execution) {
        Object index = execution.getVariable("vmIndex");
        return index == null ? 0 : ((Number) index).intValue();
    }
}
