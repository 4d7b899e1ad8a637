package io.stackgate.compute.resizing;

import java.time.Clock;
import java.time.Instant;

import io.stackgate.compute.VmStep;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.VmResizeSpec;
import io.stackgate.workflow.Steps;
import io.stackgate.workflow.Variable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Service task "Check guests stopped" of resize-vm: {@code guestsStopped} is true once no guest that changes size
 * runs, or once the shutdown deadline has passed (the resize then powers the rest off).
 */
@Component("checkGuestsStopped")
class CheckGuestsStopped extends VmStep {

    static final Variable<Boolean> GUESTS_STOPPED = Variable.bool("guestsStopped");

    private final RequestService requests;
    private final VmResizing resizing;
    private final Clock clock;

    CheckGuestsStopped(Steps steps, RequestService requests, VmResizing resizing, Clock clock) {
        super(steps);
        this.requests = requests;
        this.resizing = resizing;
        this.clock = clock;
    }

    @Override
    protected String name() {
        return "check guests stopped";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        VmResizeSpec spec = ResizeVms.spec(requests, requestId);
        boolean late = !clock.instant().isBefore(Instant.parse(ShutDownGuests.SHUTDOWN_DEADLINE.get(execution)));
        GUESTS_STOPPED.set(execution, late || resizing.guestsStopped(spec.requestId(), spec.vcpus(), spec.memoryMiB()));
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        resizing.restore(ResizeVms.spec(requests, requestId).requestId());
    }
}
