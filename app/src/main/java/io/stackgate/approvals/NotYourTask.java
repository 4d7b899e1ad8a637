package io.stackgate.approvals;

import io.stackgate.errors.DomainError;

/** The caller may see the task but may not act on it this way (not a candidate, an auditor, not its holder or supervisor). */
public class NotYourTask extends DomainError {

    public NotYourTask(String message) {
        super(Kind.FORBIDDEN, message);
    }
}
