package io.stackgate.tenancy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How a tenant's requests are approved.
 *
 * @param costThreshold                  estimated monthly cost above which a request needs platform-ops approval
 * @param levels                         level name → level (names are the outputs of the tenant's decision)
 * @param escalationGroup                who gets a task of the last level when its SLA passes
 * @param decision                       the DMN file under {@code processes/} that chooses the levels
 *                                       ({@value #DEFAULT_DECISION} unless the tenant names its own)
 * @param smallVmVcpus                   a VM or node with more vCPUs than this is not small: it needs more approval
 * @param smallVmMemoryMiB               a VM or node with more memory (MiB) than this is not small
 * @param tenantAdminApprovesNodePoolsOf org unit ids whose node pools the tenant admin approves (no cluster budget of
 *                                       their own)
 */
public record ApprovalPolicy(BigDecimal costThreshold, String currency, Map<String, ApprovalLevel> levels,
        String escalationGroup, String decision, int smallVmVcpus, long smallVmMemoryMiB,
        List<String> tenantAdminApprovesNodePoolsOf) {

    /** The levels the decision may name, in chain order: every tenant must say who approves each. */
    public static final List<String> REQUIRED_LEVELS = List.of("dept-manager", "platform-ops", "tenant-admin");

    public static final String DEFAULT_DECISION = "approval-chain.dmn";
    public static final int DEFAULT_SMALL_VM_VCPUS = 4;
    public static final long DEFAULT_SMALL_VM_MEMORY_MIB = 8192;

    public ApprovalPolicy {
        levels = Map.copyOf(levels);
        decision = decision == null || decision.isBlank() ? DEFAULT_DECISION : decision;
        tenantAdminApprovesNodePoolsOf = tenantAdminApprovesNodePoolsOf == null ? List.of()
                : List.copyOf(tenantAdminApprovesNodePoolsOf);
    }

    /** A policy with the default decision, small-VM thresholds and no org unit whose node pools need the tenant admin. */
    public ApprovalPolicy(BigDecimal costThreshold, String currency, Map<String, ApprovalLevel> levels,
            String escalationGroup) {
        this(costThreshold, currency, levels, escalationGroup, DEFAULT_DECISION, DEFAULT_SMALL_VM_VCPUS,
                DEFAULT_SMALL_VM_MEMORY_MIB, List.of());
    }
}
