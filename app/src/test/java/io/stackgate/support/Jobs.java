package io.stackgate.support;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * Runs a request's jobs the way the job executor would, but at once: the tests switch the executor off and do not
 * wait for retry back-offs. Timers (the placement wait) run only when asked.
 */
@Component
public class Jobs {

    private final ManagementService management;
    private final HistoryService history;

    Jobs(ManagementService management, HistoryService history) {
        this.management = management;
        this.history = history;
    }

    /** Runs the request's non-timer jobs until none with retries is left; failures are what the tests look at. */
    public void run(String requestId) {
        drain(requestId, false);
    }

    /**
     * Runs the request's jobs until its process has ended (COMPLETED or FAILED), for requests that also wait on work
     * outside the jobs (a Node informer correlating a message from its own thread); gives up after a minute.
     */
    public void runUntilEnded(String requestId) {
        String root = rootOf(requestId);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
                    drain(requestId, false);
                    return history.createHistoricProcessInstanceQuery().processInstanceId(root).finished().count() == 1;
                });
    }

    /** Like {@link #run}, but also fires due and not-yet-due timers (one round of each waiting timer). */
    public void runWithTimers(String requestId) {
        drain(requestId, true);
    }

    private void drain(String requestId, boolean withTimers) {
        String root = rootOf(requestId);
        boolean timers = withTimers;
        for (int round = 0; round < 50; round++) {
            boolean fireTimers = timers;
            List<Job> jobs = management.createJobQuery().rootProcessInstanceId(root).withRetriesLeft().list().stream()
                    .filter(job -> fireTimers || !isTimer(job)).toList();
            if (jobs.isEmpty()) {
                return;
            }
            for (Job job : jobs) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException failure) {
                    // a failing step throws here, as it would in the job executor
                }
            }
            timers = false;
        }
        throw new AssertionError("the jobs of request " + requestId + " did not settle in 50 rounds");
    }

    private boolean isTimer(Job job) {
        return management.createJobQuery().jobId(job.getId()).timers().count() > 0;
    }

    public String rootOf(String requestId) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("resource-request")
                .processInstanceBusinessKey(requestId).singleResult().getId();
    }
}
