package io.stackgate.tenancy;

/** A request's reservation no longer counts against any quota. */
public record QuotaReleased(String tenantId, String projectId, String requestId, Quota amount) {
}
