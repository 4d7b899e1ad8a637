package io.stackgate.audit.log;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recomputes the chain and signs its head now and then ({@code stackgate.audit.schedule.*}), on one instance at a time
 * (a database lock). A broken chain is logged at ERROR, turns the {@code auditChain} health DOWN and the
 * {@code stackgate.audit.chain.valid} gauge to 0.
 */
@Component
@ConditionalOnProperty(name = "stackgate.audit.schedule.enabled", havingValue = "true", matchIfMissing = true)
class AuditSchedule {

    private final AuditVerifier verifier;
    private final Checkpoints checkpoints;

    AuditSchedule(AuditVerifier verifier, Checkpoints checkpoints) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
    }

    @Scheduled(fixedDelayString = "${stackgate.audit.schedule.verify-interval:PT1H}", initialDelayString = "PT1M")
    @SchedulerLock(name = "audit-verify", lockAtMostFor = "PT30M")
    public void verify() {
        verifier.verify();
    }

    @Scheduled(fixedDelayString = "${stackgate.audit.schedule.checkpoint-interval:PT1H}", initialDelayString = "PT2M")
    @SchedulerLock(name = "audit-checkpoint", lockAtMostFor = "PT10M")
    public void checkpoint() {
        checkpoints.sign();
    }
}
