package io.stackgate.approvals;

import io.stackgate.errors.DomainError;

/** The request's process is suspended (frozen approvals): no decision until it is resumed. */
public class TaskSuspended extends DomainError {

    public TaskSuspended() {
        super(Kind.CONFLICT, "the task is suspended");
    }
}
