package io.stackgate.approvals;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Approval settings.
 *
 * @param claimExpiry        a claimed task nobody decided for this long is released for every candidate again
 *                           ({@code 0}: claims never expire)
 * @param claimCheckInterval how often expired claims are looked for
 */
@ConfigurationProperties("stackgate.approvals")
public record ApprovalProperties(@DefaultValue("P3D") Duration claimExpiry, @DefaultValue("PT15M") Duration claimCheckInterval) {

    public ApprovalProperties {
        if (claimExpiry.isNegative()) {
            throw new IllegalArgumentException("stackgate.approvals.claim-expiry must not be negative");
        }
    }
}
