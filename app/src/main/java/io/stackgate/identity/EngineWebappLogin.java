package io.stackgate.identity;

import java.time.Instant;

/**
 * Someone signed in to the engine's web apps (Cockpit, Tasklist, Admin): the session's first request to them, by a
 * Keycloak login or a bearer token. Published for the audit log.
 */
public record EngineWebappLogin(String userId, String username, String engine, Instant at) {
}
