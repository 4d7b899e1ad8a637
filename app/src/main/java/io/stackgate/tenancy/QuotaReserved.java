package io.stackgate.tenancy;

/** A request's demand now counts against its project's and tenant's quota. */
public record QuotaReserved(String tenantId, String projectId, String requestId, Quota demand, boolean overQuota) {
}
