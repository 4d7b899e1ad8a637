package io.stackgate.approvals;

import io.stackgate.errors.DomainError;

/** The task changed hands while the action ran; reload and try again. */
public class TaskChangedHands extends DomainError {

    public TaskChangedHands() {
        super(Kind.CONFLICT, "the task changed hands meanwhile; reload and try again");
    }
}
