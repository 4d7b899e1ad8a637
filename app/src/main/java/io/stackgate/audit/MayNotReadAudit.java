package io.stackgate.audit;

import io.stackgate.errors.DomainError;

/** The audit log and its reports are for auditors, tenant admins and platform admins. */
public class MayNotReadAudit extends DomainError {

    public MayNotReadAudit() {
        super(Kind.FORBIDDEN, "only auditors, tenant admins and platform admins read the audit log");
    }
}
