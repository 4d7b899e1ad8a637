package io.stackgate.requests;

import io.stackgate.errors.DomainError;

/** Only an open incident of a failed job can be retried (a history-only incident has nothing left to run). */
public class IncidentNotRetryable extends DomainError {

    public IncidentNotRetryable(String why) {
        super(Kind.CONFLICT, why);
    }
}
