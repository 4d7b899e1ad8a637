package io.stackgate.kubernetes.namespaces;

import io.stackgate.workflow.Step;
import io.stackgate.workflow.Steps;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Apply role bindings": each mapped Keycloak group bound to its ClusterRole. Its undo, on the last failure, deletes the namespace. */
@Component("applyRoleBindings")
class ApplyRoleBindings extends Step {

    private final NamespaceProvisioning namespaces;

    ApplyRoleBindings(Steps steps, NamespaceProvisioning namespaces) {
        super(steps);
        this.namespaces = namespaces;
    }

    @Override
    protected String name() {
        return "apply role bindings";
    }

    @Override
    protected void run(DelegateExecution execution) {
        namespaces.applyRoleBindings(Variables.REQUEST_ID.get(execution));
    }

    @Override
    protected void undo(DelegateExecution execution) {
        namespaces.deleteNamespace(Variables.REQUEST_ID.get(execution), "apply role bindings failed");
    }
}
