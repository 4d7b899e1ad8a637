package io.stackgate.compute.leases;

import io.stackgate.compute.LeaseKeeper;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the lease check now and then ({@code stackgate.compute.leases.*}), on one instance at a time (a database lock). */
@Component
@ConditionalOnProperty(name = "stackgate.compute.leases.enabled", havingValue = "true")
class LeaseSchedule {

    private final LeaseKeeper leases;

    LeaseSchedule(LeaseKeeper leases) {
        this.leases = leases;
    }

    @Scheduled(fixedDelayString = "${stackgate.compute.leases.interval:PT15M}",
            initialDelayString = "${stackgate.compute.leases.initial-delay:PT1M}")
    @SchedulerLock(name = "leases", lockAtMostFor = "${stackgate.compute.leases.lock-at-most-for:PT10M}",
            lockAtLeastFor = "${stackgate.compute.leases.lock-at-least-for:PT1M}")
    public void check() {
        leases.checkNow();
    }
}
