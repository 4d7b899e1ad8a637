package io.stackgate.kubernetes;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Apply quota and limits": ResourceQuota and LimitRange from the project's quota. Its undo, on the last failure, deletes the namespace. */
@Component("applyQuota")
class ApplyQuota extends VmStep {

    private final NamespaceProvisioning namespaces;

    ApplyQuota(Steps steps, NamespaceProvisioning namespaces) {
        super(steps);
        this.namespaces = namespaces;
    }

    @Override
    protected String name() {
        return "apply quota and limits";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        namespaces.applyQuota(requestId);
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        namespaces.deleteNamespace(requestId, "apply quota and limits failed");
    }
}
