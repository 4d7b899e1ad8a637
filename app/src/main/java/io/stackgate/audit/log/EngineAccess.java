package io.stackgate.audit.log;

import java.time.Instant;

/** What the audit log records of the engine's own doors (Cockpit and the engine API), which publish no events. */
public final class EngineAccess {

    private EngineAccess() {
    }

    /** An operator signed in to Cockpit (the engine's web apps) through Keycloak. */
    public record CockpitLogin(String userId, String username, Instant at) {
    }

    /** A write through the engine API or Cockpit's that went through (retries, suspensions, annotations, …). */
    public record EngineApiWrite(String method, String path, int status, Instant at) {
    }
}
