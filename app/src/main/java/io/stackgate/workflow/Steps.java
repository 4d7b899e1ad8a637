package io.stackgate.workflow;

import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every {@link Step} needs around its work: a savepoint inside the job's transaction, so that a step failing for
 * good rolls back only its own writes and the process can still go on to compensate (without it, a failure inside a
 * transactional service would doom the whole job transaction), and the job's remaining retries.
 */
@Component
public class Steps {

    private final ManagementService management;
    private final TransactionTemplate savepoint;

    Steps(ManagementService management, PlatformTransactionManager transactions) {
        this.management = management;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    <T> T withinSavepoint(Supplier<T> work) {
        return savepoint.execute(status -> work.get());
    }

    /** Whether the job running this step has no retry left after this attempt (or the step does not run as a job). */
    boolean lastAttempt(DelegateExecution execution) {
        Job job = management.createJobQuery().executionId(execution.getId())
                .activityId(execution.getCurrentActivityId()).singleResult();
        return job == null || job.getRetries() <= 1;
    }
}
