package io.stackgate.tenancy;

/** An approved quota change raised a project's quota by {@code amount}. */
public record QuotaRaised(String tenantId, String projectId, String requestId, Quota amount, Quota newQuota) {
}
