package io.stackgate.compute;

import java.time.Instant;

/**
 * A disagreement between a host and the records that reconciliation found, open while it lasts.
 *
 * @param requestId  the request the domain belongs to (from its record or its metadata), if known
 * @param vmIndex    the VM's index in that request, if a record names it
 * @param resolvedAt null while open
 * @param resolvedBy the operator who resolved it by hand, null when reconciliation did
 */
public record Finding(long id, String host, String domain, String domainUuid, String requestId, Integer vmIndex,
        String tenantId, Kind kind, String detail, Instant firstSeen, Instant lastSeen, Instant resolvedAt,
        Resolution resolution, String resolvedBy) {

    public enum Kind {
        /** a domain with our metadata that no live record accounts for */
        ORPHAN,
        /** a RUNNING or STOPPED record whose domain vanished from its host */
        LOST,
        /** the record said running and the domain was not, or the other way round (the record was corrected) */
        DRIFT_STATE,
        /** the domain's vCPUs or memory differ from the record (reported only) */
        DRIFT_SIZE
    }

    public enum Resolution {
        /** the condition ended by itself */
        GONE,
        /** reconciliation corrected the record when it found the drift */
        CORRECTED,
        /** a lost VM's domain is back; its record was restored */
        RETURNED,
        /** an operator destroyed the orphan domain */
        DESTROYED
    }

    public boolean isOpen() {
        return resolvedAt == null;
    }
}
