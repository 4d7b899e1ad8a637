package io.stackgate.kubernetes;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Service task "Apply network policy": only the tenant's own namespaces may reach it. Its undo, on the last failure, deletes the namespace. */
@Component("applyNetworkPolicy")
class ApplyNetworkPolicy extends VmStep {

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
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        namespaces.applyNetworkPolicy(requestId);
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        namespaces.deleteNamespace(requestId, "apply network policy failed");
    }
}
