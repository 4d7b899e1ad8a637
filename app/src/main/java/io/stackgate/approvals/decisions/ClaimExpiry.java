package io.stackgate.approvals.decisions;

import java.time.Clock;

import io.stackgate.approvals.ApprovalProperties;
import io.stackgate.approvals.inbox.ApprovalTasks;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Releases claims older than {@code stackgate.approvals.claim-expiry}: an approver who claimed a task and went away
 * does not freeze the request. Delegated tasks are not touched (a delegation is a deliberate hand-over; a tenant admin
 * releases or reassigns those). One instance at a time (a database lock).
 */
@Component
public class ClaimExpiry {

    private static final Logger log = LoggerFactory.getLogger(ClaimExpiry.class);
    private static final int BATCH = 200;

    private final ApprovalTasks tasks;
    private final TaskHolding holding;
    private final ApprovalProperties properties;
    private final Clock clock;

    public ClaimExpiry(ApprovalTasks tasks, TaskHolding holding, ApprovalProperties properties, Clock clock) {
        this.clock = clock;
        this.tasks = tasks;
        this.holding = holding;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${stackgate.approvals.claim-check-interval:PT15M}",
            initialDelayString = "${stackgate.approvals.claim-check-interval:PT15M}")
    @SchedulerLock(name = "approval-claim-expiry", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
    public void scheduled() {
        releaseExpired();
    }

    /** Releases every expired claim now; answers how many. */
    public int releaseExpired() {
        if (properties.claimExpiry().isZero()) {
            return 0;
        }
        int released = 0;
        for (ApprovalTasks.Row task : tasks.claimedBefore(clock.instant().minus(properties.claimExpiry()), BATCH)) {
            try {
                if (holding.expireClaim(task)) {
                    released++;
                }
            } catch (RuntimeException raced) {
                // decided or handed over at this moment: nothing to release
                log.debug("claim of task {} not released: {}", task.taskId(), raced.toString());
            }
        }
        if (released > 0) {
            log.info("released {} approval task claim(s) older than {}", released, properties.claimExpiry());
        }
        return released;
    }
}
