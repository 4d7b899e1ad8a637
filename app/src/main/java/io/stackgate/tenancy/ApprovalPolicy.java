package io.stackgate.tenancy;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How a tenant's requests are approved.
 *
 * @param costThreshold   estimated monthly cost above which a request needs platform-ops approval
 * @param levels          level name → level (names are the outputs of approval-chain.dmn)
 * @param escalationGroup who gets a task of the last level when its SLA passes
 */
public record ApprovalPolicy(BigDecimal costThreshold, String currency, Map<String, ApprovalLevel> levels,
        String escalationGroup) {

    public ApprovalPolicy {
        levels = Map.copyOf(levels);
    }
}
