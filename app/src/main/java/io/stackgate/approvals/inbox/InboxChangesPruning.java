package io.stackgate.approvals.inbox;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps {@code approval_inbox_change} small: only each tenant's newest change makes the inbox version. */
@Component
class InboxChangesPruning {

    private static final Logger log = LoggerFactory.getLogger(InboxChangesPruning.class);

    private final ApprovalTasks tasks;

    InboxChangesPruning(ApprovalTasks tasks) {
        this.tasks = tasks;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    @SchedulerLock(name = "approval-inbox-changes-pruning", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
    void prune() {
        int pruned = tasks.pruneChanges();
        log.debug("pruned {} inbox change row(s)", pruned);
    }
}
