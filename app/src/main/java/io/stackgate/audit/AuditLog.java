package io.stackgate.audit;

import java.util.List;

/** The audit log as other parts of the platform see it. */
public interface AuditLog {

    /** The newest link of the chain (sequence 0 and {@link ChainHead#GENESIS} while the log is empty). */
    ChainHead head();

    /** Every row about one request, oldest first (its timeline; the caller has already been allowed to see it). */
    List<AuditEntry> ofRequest(String requestId);
}
