package io.stackgate.notifications.delivery;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the delivery worker now and then ({@code stackgate.notifications.delivery.*}), on one instance at a time. */
@Component
@ConditionalOnProperty(name = "stackgate.notifications.delivery.enabled", havingValue = "true")
class DeliverySchedule {

    private final DeliveryWorker worker;
    private final Clock clock;

    DeliverySchedule(DeliveryWorker worker, Clock clock) {
        this.worker = worker;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${stackgate.notifications.delivery.interval:PT15S}",
            initialDelayString = "${stackgate.notifications.delivery.initial-delay:PT30S}")
    @SchedulerLock(name = "notification-delivery", lockAtMostFor = "${stackgate.notifications.delivery.lock-at-most-for:PT10M}")
    public void deliver() {
        worker.deliverDue(clock.instant());
    }
}
