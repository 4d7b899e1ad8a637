package io.stackgate.compute;

import java.time.Instant;
import java.util.List;

/**
 * One VM as the platform records it: what was asked, where it landed, what state it is in.
 *
 * @param owner   the requester's username, for display
 * @param ownerId the requester's subject (token {@code sub}), which owner actions check
 */
public record VmInstance(String requestId, int vmIndex, String tenantId, String projectId, String owner, String ownerId,
        String domainName, String domainUuid, String hostname, Arch arch, String image, int vcpus, long memoryMiB,
        long diskGiB, int gpuCount, String host, List<String> gpus, String network, String macAddress,
        String ipAddress, VmState state, String stateReason, Instant leaseExpiresAt, Instant createdAt,
        Instant updatedAt) {
}
