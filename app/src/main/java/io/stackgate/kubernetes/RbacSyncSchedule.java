package io.stackgate.kubernetes;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The periodic full pass of {@link RbacSync} ({@code stackgate.kubernetes.sync.*}). */
@Component
@ConditionalOnProperty(name = "stackgate.kubernetes.sync.enabled", havingValue = "true")
class RbacSyncSchedule {

    private final RbacSync sync;

    RbacSyncSchedule(RbacSync sync) {
        this.sync = sync;
    }

    @Scheduled(fixedDelayString = "${stackgate.kubernetes.sync.interval:PT2M}",
            initialDelayString = "${stackgate.kubernetes.sync.initial-delay:PT30S}")
    void syncAll() {
        sync.syncAll();
    }
}
