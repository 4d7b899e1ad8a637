package io.stackgate.audit.log;

import java.time.Instant;

/** What the audit log records of the engine API's writes, which publish no events of their own. */
public final class EngineAccess {

    private EngineAccess() {
    }

    /** A write through the engine API or Cockpit's that went through (retries, suspensions, annotations, …). */
    public record EngineApiWrite(String method, String path, int status, Instant at) {
    }
}
