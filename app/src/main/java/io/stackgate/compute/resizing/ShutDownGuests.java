package io.stackgate.compute.resizing;

import io.stackgate.compute.VmStep;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.VmResizeSpec;
import io.stackgate.workflow.Steps;
import io.stackgate.workflow.Variable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Service task "Shut down guests" of resize-vm: reserves the new size on the hosts and asks the guests to shut down;
 * sets when to power them off instead ({@code shutdownDeadline}) and how long the process waits between looks
 * ({@code shutdownPoll}, {@code stackgate.compute.provisioning.shutdown-poll}).
 */
@Component("shutDownGuests")
class ShutDownGuests extends VmStep {

    static final Variable<String> SHUTDOWN_DEADLINE = Variable.string("shutdownDeadline");
    static final Variable<String> SHUTDOWN_POLL = Variable.string("shutdownPoll");

    private final RequestService requests;
    private final VmResizing resizing;

    ShutDownGuests(Steps steps, RequestService requests, VmResizing resizing) {
        super(steps);
        this.requests = requests;
        this.resizing = resizing;
    }

    @Override
    protected String name() {
        return "shut down guests";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        VmResizeSpec spec = ResizeVms.spec(requests, requestId);
        resizing.reserveAndShutDown(spec.requestId(), spec.vcpus(), spec.memoryMiB());
        SHUTDOWN_DEADLINE.set(execution, resizing.shutdownDeadline().toString());
        SHUTDOWN_POLL.set(execution, resizing.shutdownPoll().toString());
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        resizing.restore(ResizeVms.spec(requests, requestId).requestId());
    }
}
