package io.stackgate.kubernetes.namespaces;

import io.stackgate.workflow.Step;
import io.stackgate.workflow.Steps;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Apply quota and limits": ResourceQuota and LimitRange from the project's quota. Its undo, on the last failure, deletes the namespace. */
@Component("applyQuota")
class ApplyQuota extends Step {

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
    protected void run(DelegateExecution execution) {
        namespaces.applyQuota(Variables.REQUEST_ID.get(execution));
    }

    @Override
    protected void undo(DelegateExecution execution) {
        namespaces.deleteNamespace(Variables.REQUEST_ID.get(execution), "apply quota and limits failed");
    }
}
