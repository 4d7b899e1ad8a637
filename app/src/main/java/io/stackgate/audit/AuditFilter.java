package io.stackgate.audit;

import java.time.Instant;

import io.stackgate.errors.InvalidInput;

/**
 * What to look for in the audit log; every field optional.
 *
 * @param subject a subject id (a request id, a VM's domain, {@code cluster/namespace}, a host)
 * @param actor   the actor's username
 * @param action  an action ({@code approval.approved}) or a family of them ({@code approval.})
 * @param from    inclusive
 * @param to      exclusive
 */
public record AuditFilter(String tenant, String subject, String actor, String action, Instant from, Instant to) {

    public AuditFilter {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInput("from", "must not be after to");
        }
    }
}
