package io.stackgate.compute;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Reconciliation} every {@code stackgate.compute.reconciliation.interval} after the previous run ended.
 * Every instance runs it; the runs tolerate each other (see {@link Reconciliation}), so no leader is needed.
 */
@Component
@ConditionalOnProperty(name = "stackgate.compute.reconciliation.enabled", havingValue = "true")
class ReconciliationSchedule {

    private final Reconciliation reconciliation;

    ReconciliationSchedule(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Scheduled(fixedDelayString = "${stackgate.compute.reconciliation.interval:PT5M}",
            initialDelayString = "${stackgate.compute.reconciliation.initial-delay:PT1M}")
    void run() {
        reconciliation.reconcile();
    }
}
