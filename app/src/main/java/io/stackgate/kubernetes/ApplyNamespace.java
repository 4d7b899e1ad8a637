package io.stackgate.kubernetes;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Apply namespace": the namespace with its tenant, project and request labels. Its undo, on the last failure, deletes the namespace. */
@Component("applyNamespace")
class ApplyNamespace extends VmStep {

    private final NamespaceProvisioning namespaces;

    ApplyNamespace(Steps steps, NamespaceProvisioning namespaces) {
        super(steps);
        this.namespaces = namespaces;
    }

    @Override
    protected String name() {
        return "apply namespace";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        namespaces.applyNamespace(requestId);
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        namespaces.deleteNamespace(requestId, "apply namespace failed");
    }
}
