package io.stackgate.compute.removal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.stackgate.compute.DecommissionTarget;
import io.stackgate.requests.DecommissionSpec;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Service task "Prepare removal" of a decommission: the target gets ready to go (a worker node is cordoned and
 * drained). Sets {@code removalReady}, and {@code removalRetryIn} when it is not ready yet.
 */
@Component("prepareRemoval")
class PrepareRemoval implements JavaDelegate {

    private final RequestService requests;
    private final List<DecommissionTarget> targets;

    PrepareRemoval(RequestService requests, List<DecommissionTarget> targets) {
        this.requests = requests;
        this.targets = List.copyOf(targets);
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestId = Variables.REQUEST_ID.get(execution);
        ResourceRequest target = requests.load(((DecommissionSpec) requests.load(requestId).spec()).requestId());
        Optional<Duration> wait = targets.stream().filter(candidate -> candidate.handles(target)).findFirst()
                .flatMap(candidate -> candidate.prepare(target, requestId));
        execution.setVariable("removalReady", wait.isEmpty());
        execution.setVariable("removalRetryIn", wait.map(Duration::toString).orElse("PT0S"));
    }
}
