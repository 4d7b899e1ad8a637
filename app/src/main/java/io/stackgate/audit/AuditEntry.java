package io.stackgate.audit;

import java.time.Instant;

/**
 * One row of the audit log.
 *
 * @param sequence    its place in the chain (1, 2, …, no gaps)
 * @param actorId     the token's subject of who did it, or {@code system}
 * @param actorName   their username, or {@code system}
 * @param actingFor   the approver who delegated the task the actor decided (else null)
 * @param tenant      null for platform-wide subjects (hosts, the tenants-config, the directory)
 * @param subjectKind request, vm, namespace, node, project, host, config, directory or endpoint
 * @param requestId   the request behind it, when there is one
 * @param details     the event's facts, a JSON object
 * @param prevHash    the hash of the row before (64 zeros for the first)
 * @param hash        SHA-256 over this row's fields and {@code prevHash}
 */
public record AuditEntry(long sequence, Instant at, String actorId, String actorName, String actingFor, String tenant,
        String subjectKind, String subjectId, String requestId, String action, String details, String prevHash,
        String hash) {

    /** This row with {@code hash} as its own hash (a row is hashed before it has one). */
    public AuditEntry withHash(String hash) {
        return new AuditEntry(sequence, at, actorId, actorName, actingFor, tenant, subjectKind, subjectId, requestId,
                action, details, prevHash, hash);
    }
}
