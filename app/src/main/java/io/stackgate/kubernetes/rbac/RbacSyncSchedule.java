package io.stackgate.kubernetes.rbac;

import io.stackgate.kubernetes.RbacSync;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The periodic full pass of {@link RbacSync} ({@code stackgate.kubernetes.sync.*}), on one instance at a time (a database lock). */
@Component
@ConditionalOnProperty(name = "stackgate.kubernetes.sync.enabled", havingValue = "true")
class RbacSyncSchedule {

    private final RbacSync sync;

    RbacSyncSchedule(RbacSync sync) {
        this.sync = sync;
    }

    @Scheduled(fixedDelayString = "${stackgate.kubernetes.sync.interval:PT2M}",
            initialDelayString = "${stackgate.kubernetes.sync.initial-delay:PT30S}")
    @SchedulerLock(name = "rbac-full-pass", lockAtMostFor = "${stackgate.kubernetes.sync.lock-at-most-for:PT10M}",
            lockAtLeastFor = "${stackgate.kubernetes.sync.lock-at-least-for:PT30S}")
    public void syncAll() {
        sync.syncAll();
    }
}
