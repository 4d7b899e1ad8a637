package io.stackgate.approvals;

import io.stackgate.errors.DomainError;

/** Somebody else holds the task (claimed or delegated to them). */
public class TaskHeld extends DomainError {

    public TaskHeld(String holder) {
        super(Kind.CONFLICT, "the task is held by " + holder);
    }
}
