package io.stackgate.tenancy;

/** A project's quota beside what its reservations hold now. */
public record ProjectUsage(String tenantId, String projectId, Quota quota, Quota used) {
}
