package io.stackgate.requests;

import io.stackgate.errors.DomainError;

/** The caller may not submit requests into this project (auditors never do). */
public class MayNotSubmit extends DomainError {

    MayNotSubmit(String message) {
        super(Kind.FORBIDDEN, message);
    }
}
