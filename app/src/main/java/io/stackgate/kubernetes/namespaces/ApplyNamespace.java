package io.stackgate.kubernetes.namespaces;

import io.stackgate.workflow.Step;
import io.stackgate.workflow.Steps;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Apply namespace": the namespace with its tenant, project and request labels. Its undo, on the last failure, deletes the namespace. */
@Component("applyNamespace")
class ApplyNamespace extends Step {

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
    protected void run(DelegateExecution execution) {
        namespaces.applyNamespace(Variables.REQUEST_ID.get(execution));
    }

    @Override
    protected void undo(DelegateExecution execution) {
        namespaces.deleteNamespace(Variables.REQUEST_ID.get(execution), "apply namespace failed");
    }
}
