package io.stackgate.kubernetes;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Apply role bindings": each mapped Keycloak group bound to its ClusterRole. Its undo, on the last failure, deletes the namespace. */
@Component("applyRoleBindings")
class ApplyRoleBindings extends VmStep {

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
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        namespaces.applyRoleBindings(requestId);
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        namespaces.deleteNamespace(requestId, "apply role bindings failed");
    }
}
