package io.stackgate.audit.reports;

import io.stackgate.errors.DomainError;

/** Reports are for auditors, tenant admins and platform admins and operators. */
public class MayNotReadReports extends DomainError {

    MayNotReadReports(String username) {
        super(Kind.FORBIDDEN, username + " reads no reports: they are for auditors, tenant admins and platform operators");
    }
}
