package io.stackgate.compute.reconciliation;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Reconciliation} every {@code stackgate.compute.reconciliation.interval} after the previous run ended, on
 * one instance at a time (a database lock; the runs would tolerate each other, see {@link Reconciliation}, but N
 * instances would ask every host N times).
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
    @SchedulerLock(name = "reconciliation", lockAtMostFor = "${stackgate.compute.reconciliation.lock-at-most-for:PT15M}",
            lockAtLeastFor = "${stackgate.compute.reconciliation.lock-at-least-for:PT1M}")
    public void run() {
        reconciliation.reconcile();
    }
}
