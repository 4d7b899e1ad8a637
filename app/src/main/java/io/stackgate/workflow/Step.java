package io.stackgate.workflow;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provisioning service task (a VM's, a node's, a namespace's): runs its work inside a savepoint. A failure is retried
 * by the job executor (the step's retry cycle); when the last attempt fails, the step undoes its own partial work and
 * throws the BPMN error {@value #ERROR_CODE}, upon which the process compensates the steps that completed and ends the
 * request as failed. An undo that fails too leaves an incident: an operator must look at what could not be undone.
 */
public abstract class Step implements JavaDelegate {

    public static final String ERROR_CODE = "provisioning-step-failed";

    private static final Logger log = LoggerFactory.getLogger(Step.class);

    private final Steps steps;

    protected Step(Steps steps) {
        this.steps = steps;
    }

    /** What the step is called in causes and logs. */
    protected abstract String name();

    protected abstract void run(DelegateExecution execution);

    /** Removes what this step may have made before it failed; idempotent. */
    protected void undo(DelegateExecution execution) {
    }

    /** What the step works on, for the log (the request by default). */
    protected String subject(DelegateExecution execution) {
        return Variables.REQUEST_ID.get(execution);
    }

    @Override
    public final void execute(DelegateExecution execution) {
        try {
            steps.withinSavepoint(() -> {
                run(execution);
                return null;
            });
        } catch (BpmnError error) {
            throw error;
        } catch (RuntimeException failure) {
            if (!steps.lastAttempt(execution)) {
                log.info("{} of {} failed, will retry: {}", name(), subject(execution), failure.getMessage());
                throw failure;
            }
            log.warn("{} of {} failed for the last time: {}", name(), subject(execution), failure.getMessage());
            try {
                undo(execution);
            } catch (RuntimeException undoFailure) {
                failure.addSuppressed(undoFailure);
                throw failure;
            }
            throw new BpmnError(ERROR_CODE, Causes.clip(name() + " failed: " + failure.getMessage(),
                    Causes.PROCESS_VARIABLE));
        }
    }
}
