package io.stackgate.tenancy;

/** Reserves and releases quota; usage is the sum of what active reservations hold. */
public interface QuotaService {

    /** Reserves the demand for the request (idempotent per request id); never refuses, reports over-quota. */
    QuotaReservation reserve(String tenantId, String projectId, String requestId, Quota demand);

    /** Releases the request's reservation (idempotent: releasing twice or an unknown id is a no-op). */
    void release(String requestId);

    /**
     * Lowers the request's reservation to {@code remaining} (part of what it made is gone: one node of a pool failed or
     * was decommissioned). Absolute, so repeating it is a no-op; never raises; releases the reservation at zero.
     */
    void shrink(String requestId, Quota remaining);

    ProjectUsage usage(String tenantId, String projectId);

    /** The tenant's quota and what all its projects' reservations hold. */
    ProjectUsage tenantUsage(String tenantId);

    /**
     * Raises the project's quota by {@code amount} on behalf of an approved quota-change request
     * (idempotent per request id); returns the project's quota now in force.
     */
    Quota raise(String tenantId, String projectId, String requestId, Quota amount);
}
