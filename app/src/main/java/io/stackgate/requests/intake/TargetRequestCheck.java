package io.stackgate.requests.intake;

import java.util.Set;

import io.stackgate.errors.InvalidInput;
import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.LeaseRenewalSpec;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.RequestStatus;
import io.stackgate.requests.RequestType;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.requests.SpecCheck;
import io.stackgate.requests.VmResizeSpec;
import io.stackgate.requests.persistence.RequestRepository;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The request a decommission, lease renewal or resize is about must be a completed request of the right kind in the
 * same project. Runs before every other {@link SpecCheck}: what they say of the target must not tell of another
 * project's requests.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TargetRequestCheck implements SpecCheck {

    private final RequestRepository repository;

    TargetRequestCheck(RequestRepository repository) {
        this.repository = repository;
    }

    @Override
    public void check(String tenantId, String projectId, RequestSpec spec) {
        if (spec instanceof DecommissionSpec decommission) {
            checkDecommissionTarget(tenantId, projectId, decommission);
        }
        if (spec instanceof LeaseRenewalSpec renewal) {
            checkVmTarget(tenantId, projectId, renewal.requestId(), "renewed");
        }
        if (spec instanceof VmResizeSpec resize) {
            checkVmTarget(tenantId, projectId, resize.requestId(), "resized");
        }
    }

    private void checkDecommissionTarget(String tenantId, String projectId, DecommissionSpec spec) {
        ResourceRequest target = inProject(tenantId, projectId, spec.requestId());
        if (target.status() != RequestStatus.COMPLETED || !Set.of(RequestType.VM, RequestType.K8S_NODES,
                RequestType.NAMESPACE).contains(target.type())) {
            throw new InvalidInput("spec.requestId", "only a completed vm, k8s-nodes or namespace request can be decommissioned");
        }
        if (spec.node() != null && target.type() != RequestType.K8S_NODES) {
            throw new InvalidInput("spec.node", "only a k8s-nodes request has nodes to decommission one by one");
        }
    }

    private void checkVmTarget(String tenantId, String projectId, String targetId, String what) {
        ResourceRequest target = inProject(tenantId, projectId, targetId);
        if (target.status() != RequestStatus.COMPLETED || target.type() != RequestType.VM) {
            throw new InvalidInput("spec.requestId", "only the VMs of a completed vm request can be " + what);
        }
    }

    private ResourceRequest inProject(String tenantId, String projectId, String targetId) {
        return repository.find(targetId)
                .filter(r -> r.tenantId().equals(tenantId) && r.projectId().equals(projectId))
                .orElseThrow(() -> new InvalidInput("spec.requestId", "no request " + targetId + " in this project"));
    }
}
