package io.stackgate.audit;

/** The audit log as other parts of the platform see it. */
public interface AuditLog {

    /** The newest link of the chain (sequence 0 and {@link ChainHead#GENESIS} while the log is empty). */
    ChainHead head();
}
