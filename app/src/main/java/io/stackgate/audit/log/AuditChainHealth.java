package io.stackgate.audit.log;

import io.stackgate.audit.Verification;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code auditChain}: DOWN once a verification found the chain tampered with; UNKNOWN before the first one. */
@Component("auditChain")
class AuditChainHealth implements HealthIndicator {

    private final AuditVerifier verifier;

    AuditChainHealth(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Health health() {
        Verification last = verifier.lastResult();
        if (last == null) {
            return Health.unknown().withDetail("reason", "not verified yet").build();
        }
        Health.Builder health = last.valid() ? Health.up() : Health.down();
        health.withDetail("checked", last.checked()).withDetail("head", last.head().sequence());
        if (!last.valid()) {
            health.withDetail("firstBroken", last.firstBroken()).withDetail("reason", last.reason());
        }
        return health.build();
    }
}
