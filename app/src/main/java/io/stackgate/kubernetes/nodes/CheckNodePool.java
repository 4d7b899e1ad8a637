package io.stackgate.kubernetes.nodes;

import io.stackgate.kubernetes.cluster.Clusters;
import io.stackgate.requests.NodePoolSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.workflow.Causes;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Check the cluster takes the nodes" of {@code provision-k8s-nodes}: the cluster must still be able to
 * take the nodes (the arch check again: DaemonSets may have changed since the request was submitted);
 * {@code nodeCount} drives the multi-instance, {@code joinTimeout} bounds each node's wait for Ready.
 */
@Component("checkNodePool")
class CheckNodePool implements JavaDelegate {

    /** The provisioning error the calling request turns into a failed request with its message. */
    static final String PROVISIONING_FAILED = "provisioning-failed";

    private final RequestService requests;
    private final NodePoolCheck check;
    private final Clusters clusters;

    CheckNodePool(RequestService requests, NodePoolCheck check, Clusters clusters) {
        this.requests = requests;
        this.check = check;
        this.clusters = clusters;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ResourceRequest request = requests.load(Variables.REQUEST_ID.get(execution));
        NodePoolSpec spec = NodePools.spec(request);
        // a refusal fails the request; a cluster that does not answer fails the job, which is tried again
        check.refusal(request.tenantId(), request.projectId(), spec).ifPresent(refused -> {
            throw new BpmnError(PROVISIONING_FAILED, Causes.clip(refused.getMessage(), Causes.PROCESS_VARIABLE));
        });
        NodeVariables.NODE_COUNT.set(execution, spec.count());
        NodeVariables.JOIN_TIMEOUT.set(execution, clusters.config(spec.cluster()).nodes().joinTimeout().toString());
    }
}
