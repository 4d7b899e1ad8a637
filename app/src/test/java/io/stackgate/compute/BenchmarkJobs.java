package io.stackgate.compute;

import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The platform side of {@link ProvisioningBenchmark} and {@link RealQemuBenchmark}: runs the jobs of given process
 * instances on a pool of workers, as the job executor would, until every one of them is finished, and counts what
 * went wrong on the way (optimistic-locking conflicts, failed attempts and their messages) over all its runs.
 */
final class BenchmarkJobs {

    /** So many VMs in so many nanoseconds. */
    record Rate(int vms, long nanos) {

        double perSecond() {
            return vms / seconds();
        }

        double seconds() {
            return nanos / 1e9;
        }
    }

    private final ManagementService management;
    private final HistoryService history;
    private final int workers;
    private final Duration patience;

    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicInteger lockConflicts = new AtomicInteger();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    BenchmarkJobs(ManagementService management, HistoryService history, int workers, Duration patience) {
        this.management = management;
        this.history = history;
        this.workers = workers;
        this.patience = patience;
    }

    /** The root process instances (of {@code resource-request}) of these requests. */
    static Set<String> rootsOf(Jobs jobs, List<String> requests) {
        Set<String> roots = new HashSet<>();
        requests.forEach(id -> roots.add(jobs.rootOf(id)));
        return roots;
    }

    /** Approves each of the submitted requests as their department manager, bob, who holds their first task. */
    static void approveAsBob(Api api, List<String> requests) {
        for (String id : requests) {
            String task = taskOf(api.as("bob"), id).orElseThrow(() -> new AssertionError("bob holds no task of " + id))
                    .path("id").asText();
            Response response = api.as("bob").post("/api/tasks/" + task + "/approve");
            assertThat(response.status()).as("bob approves %s: %s", id, response.body()).isEqualTo(204);
        }
        for (String id : requests) {
            assertThat(api.as("alice").get("/api/requests/" + id).text("status")).as("request %s after bob's approval", id)
                    .isIn("APPROVED", "PROVISIONING");
        }
    }

    /**
     * Runs every executable job of these root process instances on the workers until all the instances are finished
     * (within the patience); returns the nanoseconds that took.
     */
    long runAll(Set<String> roots) throws InterruptedException {
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        Set<String> executed = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (true) {
            assertThat(System.nanoTime()).as("all requests done within %s", patience).isLessThan(deadline);
            int dispatched = 0;
            if (inFlight.size() < 2 * workers) {
                for (Job job : management.createJobQuery().executable().list()) {
                    // a job done since the query started is still in its answer: not again
                    if (roots.contains(job.getRootProcessInstanceId()) && !executed.contains(job.getId())
                            && inFlight.add(job.getId())) {
                        pool.execute(() -> execute(job.getId(), inFlight, executed));
                        dispatched++;
                    }
                }
            }
            if (dispatched == 0) {
                if (inFlight.isEmpty() && finished(roots) == roots.size()) {
                    break;
                }
                // idle back-off between acquisitions, as the job executor's acquisition thread has
                Thread.sleep(1);
            }
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        return nanos;
    }

    private long finished(Set<String> roots) {
        return history.createHistoricProcessInstanceQuery().processInstanceIds(roots).finished().count();
    }

    private void execute(String jobId, Set<String> inFlight, Set<String> executed) {
        try {
            management.executeJob(jobId);
            executed.add(jobId);
        } catch (OptimisticLockingException conflict) {
            // another transaction changed the same rows first; the job is still there and runs again
            lockConflicts.incrementAndGet();
        } catch (RuntimeException failure) {
            // the engine has counted the attempt down and scheduled the retry, as the job executor's would
            failedAttempts.incrementAndGet();
            failures.putIfAbsent(jobId, String.valueOf(failure.getMessage()));
        } finally {
            inFlight.remove(jobId);
        }
    }

    /** Optimistic-locking conflicts so far: the job ran again. */
    int lockConflicts() {
        return lockConflicts.get();
    }

    /** Attempts that failed so far: the engine retried them. */
    int failedAttempts() {
        return failedAttempts.get();
    }

    /** The distinct messages of the failed attempts (the first of each job). */
    Set<String> failureMessages() {
        return new HashSet<>(failures.values());
    }

    /** How many jobs of these root process instances succeeded. */
    long succeeded(Set<String> roots) {
        return history.createHistoricJobLogQuery().successLog().list().stream()
                .filter(log -> roots.contains(log.getRootProcessInstanceId())).count();
    }

    /** Where the time inside the jobs went: total milliseconds per BPMN activity of these roots started since then. */
    String timeByStep(Set<String> roots, Date since) {
        Map<String, Long> millis = new TreeMap<>();
        for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery().finished().list()) {
            if (roots.contains(activity.getRootProcessInstanceId()) && !activity.getStartTime().before(since)) {
                millis.merge(activity.getActivityId(), activity.getDurationInMillis(), Long::sum);
            }
        }
        StringBuilder lines = new StringBuilder("  time inside activities after approval (ms, summed over all requests):");
        millis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> lines.append(' ').append(entry.getKey()).append('=').append(entry.getValue()));
        return lines.toString();
    }
}
