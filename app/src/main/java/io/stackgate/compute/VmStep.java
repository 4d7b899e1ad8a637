package io.stackgate.compute;

import io.stackgate.workflow.Step;
import io.stackgate.workflow.Steps;
import io.stackgate.workflow.Variable;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * A service task of {@code provision-vm}: runs one step for the VM named by the process variables {@code requestId}
 * and {@code vmIndex}, inside the shared step runner ({@link Step}).
 */
public abstract class VmStep extends Step {

    /** Which of the request's VMs this process instance makes (0 when the request has one). */
    public static final Variable<Integer> VM_INDEX = Variable.integer("vmIndex");

    protected VmStep(Steps steps) {
        super(steps);
    }

    protected abstract void run(String requestId, int vmIndex, DelegateExecution execution);

    /** Removes what this step may have made before it failed; idempotent. */
    protected void undo(String requestId, int vmIndex) {
    }

    @Override
    protected final void run(DelegateExecution execution) {
        run(requestId(execution), vmIndex(execution), execution);
    }

    @Override
    protected final void undo(DelegateExecution execution) {
        undo(requestId(execution), vmIndex(execution));
    }

    @Override
    protected String subject(DelegateExecution execution) {
        return requestId(execution) + "#" + vmIndex(execution);
    }

    public static String requestId(DelegateExecution execution) {
        return Variables.REQUEST_ID.get(execution);
    }

    public static int vmIndex(DelegateExecution execution) {
        return VM_INDEX.get(execution, 0);
    }
}
