package io.stackgate.approvals;

import io.stackgate.errors.DomainError;

/** No open approval task with this id, or not one the caller may see. */
public class TaskNotFound extends DomainError {

    public TaskNotFound(String taskId) {
        super(Kind.NOT_FOUND, "task " + taskId + " not found");
    }
}
