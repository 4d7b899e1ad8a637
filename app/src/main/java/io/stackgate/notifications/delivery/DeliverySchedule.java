package io.stackgate.notifications.delivery;

import java.time.Clock;

import io.stackgate.notifications.Notifications;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Writes due reminders and runs the delivery worker now and then ({@code stackgate.notifications.delivery.*}), on one instance at a time. */
@Component
@ConditionalOnProperty(name = "stackgate.notifications.delivery.enabled", havingValue = "true")
class DeliverySchedule {

    private final Notifications notifications;
    private final DeliveryWorker worker;
    private final Clock clock;

    DeliverySchedule(Notifications notifications, DeliveryWorker worker, Clock clock) {
        this.notifications = notifications;
        this.worker = worker;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${stackgate.notifications.delivery.interval:PT15S}",
            initialDelayString = "${stackgate.notifications.delivery.initial-delay:PT30S}")
    @SchedulerLock(name = "notification-delivery", lockAtMostFor = "${stackgate.notifications.delivery.lock-at-most-for:PT10M}")
    public void deliver() {
        notifications.writeDueReminders(clock.instant());
        worker.deliverDue(clock.instant());
    }
}
