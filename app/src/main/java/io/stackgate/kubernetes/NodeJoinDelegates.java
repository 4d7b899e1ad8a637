package io.stackgate.kubernetes;

import io.stackgate.compute.VmStep;
import io.stackgate.workflow.Causes;
import io.stackgate.requests.RequestService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The small service tasks of {@code join-k8s-node} and {@code provision-k8s-nodes}, each one call into the services. */
@Configuration(proxyBeanMethods = false)
class NodeJoinDelegates {

    /** The provisioning error the calling request turns into a failed request with its message. */
    static final String PROVISIONING_FAILED = "provisioning-failed";

    /** "Node joined": the node is READY. */
    @Bean
    JavaDelegate nodeJoined(NodePools pools) {
        return execution -> pools.joined(VmStep.requestId(execution), VmStep.vmIndex(execution));
    }

    /** Undo of "Provision VM": the Node object and the VM go. */
    @Bean
    JavaDelegate removeNodeVm(NodePools pools) {
        return execution -> pools.removeNodeAndVm(VmStep.requestId(execution),
                VmStep.vmIndex(execution), cause(execution));
    }

    /** "Mark node failed", after the node's completed steps were undone. */
    @Bean
    JavaDelegate markNodeFailed(NodePools pools) {
        return execution -> pools.failed(VmStep.requestId(execution), VmStep.vmIndex(execution),
                cause(execution));
    }

    /**
     * "Check node pool": the cluster must still be able to take the nodes (the arch check again: DaemonSets may have
     * changed since the request was submitted); {@code nodeCount} drives the multi-instance, {@code joinTimeout} bounds
     * each node's wait for Ready.
     */
    @Bean
    JavaDelegate checkNodePool(RequestService requests, NodePoolCheck check, Clusters clusters) {
        return execution -> {
            var request = requests.load(VmStep.requestId(execution));
            var spec = NodePools.spec(request);
            // a refusal fails the request; a cluster that does not answer fails the job, which is tried again
            check.refusal(request.tenantId(), request.projectId(), spec).ifPresent(refused -> {
                throw new BpmnError(PROVISIONING_FAILED, Causes.clip(refused.getMessage(), Causes.PROCESS_VARIABLE));
            });
            execution.setVariable("nodeCount", spec.count());
            execution.setVariable("joinTimeout", clusters.config(spec.cluster()).nodes().joinTimeout().toString());
        };
    }

    /** "Settle node pool": fails the request when no node joined, frees the quota of the nodes that did not. */
    @Bean
    JavaDelegate settleNodePool(NodePools pools) {
        return execution -> {
            NodePools.Outcome outcome = pools.settle(VmStep.requestId(execution));
            if (outcome.joined() == 0) {
                String causes = "no node joined: " + String.join("; ", outcome.causes());
                LoggerFactory.getLogger(NodeJoinDelegates.class).warn("node pool {} failed: {}",
                        VmStep.requestId(execution), causes);
                throw new BpmnError(PROVISIONING_FAILED, Causes.clip(causes, Causes.PROCESS_VARIABLE));
            }
        };
    }

    private static String cause(DelegateExecution execution) {
        Object cause = execution.getVariable("failureCause");
        return cause == null ? "node provisioning failed" : cause.toString();
    }
}
