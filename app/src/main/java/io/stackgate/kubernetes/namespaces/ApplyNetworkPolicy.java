package io.stackgate.kubernetes.namespaces;

import io.stackgate.workflow.Step;
import io.stackgate.workflow.Steps;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Apply network policy": only the tenant's own namespaces may reach it. Its undo, on the last failure, deletes the namespace. */
@Component("applyNetworkPolicy")
class ApplyNetworkPolicy extends Step {

    private final NamespaceProvisioning namespaces;

    ApplyNetworkPolicy(Steps steps, NamespaceProvisioning namespaces) {
        super(steps);
        this.namespaces = namespaces;
    }

    @Override
    protected String name() {
        return "apply network policy";
    }

    @Override
    protected void run(DelegateExecution execution) {
        namespaces.applyNetworkPolicy(Variables.REQUEST_ID.get(execution));
    }

    @Override
    protected void undo(DelegateExecution execution) {
        namespaces.deleteNamespace(Variables.REQUEST_ID.get(execution), "apply network policy failed");
    }
}
