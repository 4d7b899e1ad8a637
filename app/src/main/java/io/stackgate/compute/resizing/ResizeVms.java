package io.stackgate.compute.resizing;

import io.stackgate.compute.VmStep;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.VmResizeSpec;
import io.stackgate.workflow.Steps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Service task "Resize VMs" of resize-vm, once the guests stopped or the shutdown timeout passed: redefines each VM with
 * its new size (powering off a guest still running) and starts it again; on its last
 * failure it puts the VMs back to their recorded size.
 */
@Component("resizeVms")
class ResizeVms extends VmStep {

    private final RequestService requests;
    private final VmResizing resizing;

    ResizeVms(Steps steps, RequestService requests, VmResizing resizing) {
        super(steps);
        this.requests = requests;
        this.resizing = resizing;
    }

    @Override
    protected String name() {
        return "resize VMs";
    }

    @Override
    protected void run(String requestId, int vmIndex, DelegateExecution execution) {
        VmResizeSpec spec = spec(requests, requestId);
        resizing.resize(spec.requestId(), spec.vcpus(), spec.memoryMiB(), requestId);
    }

    @Override
    protected void undo(String requestId, int vmIndex) {
        resizing.restore(spec(requests, requestId).requestId());
    }

    static VmResizeSpec spec(RequestService requests, String requestId) {
        return (VmResizeSpec) requests.load(requestId).spec();
    }
}
