package io.stackgate.compute;

import java.time.Instant;

/** Domain events of the VMs' lifecycle, published inside the transaction that makes the change. */
public final class ComputeEvents {

    private ComputeEvents() {
    }

    /** A provisioning step of one VM finished ({@code compensated}: its undo ran). */
    public record VmStepDone(String requestId, int vmIndex, String tenantId, String step, boolean compensated,
            String host, Instant at) {
    }

    /** No host has room for the VM yet; placement is tried again at {@code retryAt}. */
    public record VmWaitingForCapacity(String requestId, int vmIndex, String tenantId, String reason, Instant retryAt) {
    }

    /** @param arch the guest's architecture (the reports group running VMs by it) */
    public record VmProvisioned(String requestId, int vmIndex, String tenantId, String projectId, String host,
            String domain, Arch arch, Instant at) {
    }

    public record VmFailed(String requestId, int vmIndex, String tenantId, String cause, Instant at) {
    }

    public record VmDecommissioned(String requestId, int vmIndex, String tenantId, String byRequest, Instant at) {
    }

    /** A direct action an owner took on a VM (start, stop, power-off, reboot). */
    public record VmActionTaken(String requestId, int vmIndex, String tenantId, String action, String by,
            Instant at) {
    }

    /** The VM now has this size. */
    public record VmResized(String requestId, int vmIndex, String tenantId, int vcpus, long memoryMiB, String byRequest,
            Instant at) {
    }
}
