package io.stackgate.compute;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the lease check now and then ({@code stackgate.compute.leases.*}). */
@Component
@ConditionalOnProperty(name = "stackgate.compute.leases.enabled", havingValue = "true")
class LeaseSchedule {

    private final LeaseKeeper leases;

    LeaseSchedule(LeaseKeeper leases) {
        this.leases = leases;
    }

    @Scheduled(fixedDelayString = "${stackgate.compute.leases.interval:PT15M}",
            initialDelayString = "${stackgate.compute.leases.initial-delay:PT1M}")
    void check() {
        leases.checkNow();
    }
}
