package io.stackgate.audit;

import java.time.Instant;

import io.stackgate.errors.DomainError;

/** No row of the audit log is older than the cut-off. */
public class NothingToArchive extends DomainError {

    public NothingToArchive(Instant before) {
        super(Kind.CONFLICT, "no audit row is older than " + before + ": nothing was archived");
    }
}
