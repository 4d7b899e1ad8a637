package io.stackgate.approvals;

import io.stackgate.errors.DomainError;

/** Nobody holds the task, so there is nothing to release. */
public class TaskNotHeld extends DomainError {

    public TaskNotHeld() {
        super(Kind.CONFLICT, "nobody holds the task");
    }
}
