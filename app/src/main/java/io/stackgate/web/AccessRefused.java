package io.stackgate.web;

import java.time.Instant;

/**
 * A write the platform refused to a caller who lacks the right (HTTP 403): who tried what. Published after the
 * refused request's own transaction ended, so that recording it survives the refusal.
 *
 * @param callerId   the token's subject, or null when unknown
 * @param callerName the caller's username, or null when unknown
 * @param method     the HTTP method
 * @param path       the path without the query
 * @param reason     the refusal's detail
 */
public record AccessRefused(String callerId, String callerName, String method, String path, String reason, Instant at) {
}
