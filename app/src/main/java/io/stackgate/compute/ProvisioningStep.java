package io.stackgate.compute;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service task of {@code provision-vm}: runs one step for the VM named by the process variables {@code requestId}
 * and {@code vmIndex}. A failure is retried by the job executor (the step's retry cycle); when the last attempt
 * fails, the step undoes its own partial work and throws the BPMN error {@value #ERROR_CODE}, upon which the process
 * compensates the steps that completed and ends the request as failed.
 */
abstract class ProvisioningStep implements JavaDelegate {

    static final String ERROR_CODE = "provisioning-step-failed";

    private static final Logger log = LoggerFactory.getLogger(ProvisioningStep.class);

    private final ManagementService management;

    ProvisioningStep(ManagementService management) {
        this.management = management;
    }

    /** What the step is called in causes and logs. */
    abstract String name();

    abstract void run(String requestId, int vmIndex, DelegateExecution execution);

    /** Removes what this step may have made before it failed; idempotent. */
    void undo(String requestId, int vmIndex) {
    }

    @Override
    public final void execute(DelegateExecution execution) {
        String requestId = requestId(execution);
        int vmIndex = vmIndex(execution);
        try {
            run(requestId, vmIndex, execution);
        } catch (BpmnError error) {
            throw error;
        } catch (RuntimeException failure) {
            if (!lastAttempt(execution)) {
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
            throw new BpmnError(ERROR_CODE, name() + " failed: " + failure.getMessage());
        }
    }

    static String requestId(DelegateExecution execution) {
        return (String) execution.getVariable("requestId");
    }

    static int vmIndex(DelegateExecution execution) {
        Object index = execution.getVariable("vmIndex");
        return index == null ? 0 : ((Number) index).intValue();
    }

    /** Whether the job running this step has no retry left after this attempt (or the step does not run as a job). */
    private boolean lastAttempt(DelegateExecution execution) {
        Job job = management.createJobQuery().executionId(execution.getId())
                .activityId(execution.getCurrentActivityId()).singleResult();
        return job == null || job.getRetries() <= 1;
    }
}
