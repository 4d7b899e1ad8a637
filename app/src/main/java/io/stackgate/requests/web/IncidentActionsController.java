package io.stackgate.requests.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.IncidentNotFound;
import io.stackgate.requests.IncidentNotRetryable;
import io.stackgate.requests.NotAnIncidentOperator;
import io.stackgate.requests.RequestEvents.IncidentHandled;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators act on incidents: retry a failed job (its retries are set again, the job executor runs it), or resolve an
 * incident with a comment. An open incident of another type than a failed job is resolved in the engine; a failed job's
 * incident is resolved by a retry that succeeds, so resolving it only records the comment; a closed incident (a
 * {@code provisioningFailed} one stays in the history after its process compensated) is acknowledged: who, when, why.
 */
@Tag(name = "Operations", description = "Incidents of request processes")
@RestController
@Validated
class IncidentActionsController {

    static final String FAILED_JOB = "failedJob";

    @Schema(name = "IncidentResolution") // a finding's Resolution is another shape
    record Resolution(@Size(min = 1, max = 2000) String comment) {
    }

    /** @param state {@code open} or {@code closed} after the action; {@code acknowledgedBy} who resolved it here */
    record IncidentAction(String id, String type, String state, String action, String acknowledgedBy, Instant at) {
    }

    private final RuntimeService runtime;
    private final ManagementService management;
    private final HistoryService history;
    private final EngineAuthentication engine;
    private final CallerResolver callers;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    IncidentActionsController(RuntimeService runtime, ManagementService management, HistoryService history,
            EngineAuthentication engine, CallerResolver callers, JdbcClient jdbc, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.runtime = runtime;
        this.management = management;
        this.history = history;
        this.engine = engine;
        this.callers = callers;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Operation(operationId = "retryIncident", summary = "Retry the failed job of an open incident (platform operators)")
    @PostMapping("/api/incidents/{id}/retry")
    IncidentAction retry(@PathVariable String id) {
        Caller caller = operator();
        return engine.as(caller, () -> {
            Incident incident = runtime.createIncidentQuery().incidentId(id).singleResult();
            if (incident == null) {
                historic(id);
                throw new IncidentNotRetryable("incident " + id + " is closed: nothing is left to run");
            }
            if (!FAILED_JOB.equals(incident.getIncidentType())) {
                throw new IncidentNotRetryable("incident " + id + " is of type " + incident.getIncidentType()
                        + ", not a failed job: resolve it instead");
            }
            management.setJobRetries(incident.getConfiguration(), 1);
            events.publishEvent(new IncidentHandled(id, incident.getTenantId(), incident.getIncidentType(), "retried",
                    caller.username(), null, clock.instant()));
            return new IncidentAction(id, incident.getIncidentType(), "open", "retried", caller.username(),
                    clock.instant());
        });
    }

    @Operation(operationId = "resolveIncident", summary = "Resolve an incident with a comment: in the engine where it can "
            + "be, else acknowledged (e.g. a provisioningFailed incident of a compensated request) (platform operators)")
    @PostMapping("/api/incidents/{id}/resolve")
    @Transactional
    IncidentAction resolve(@PathVariable String id, @RequestBody @Valid Resolution body) {
        Caller caller = operator();
        if (body.comment() == null || body.comment().isBlank()) {
            throw new InvalidInput("comment", "say how the incident was resolved");
        }
        return engine.as(caller, () -> {
            HistoricIncident incident = historic(id);
            String state = incident.isOpen() ? "open" : "closed";
            String action = "acknowledged";
            if (incident.isOpen() && !FAILED_JOB.equals(incident.getIncidentType())) {
                runtime.resolveIncident(id);
                state = "closed";
                action = "resolved";
            }
            Instant now = clock.instant();
            try {
                jdbc.sql("insert into incident_acknowledgement (incident_id, acknowledged_by, comment, acknowledged_at) "
                        + "values (?, ?, ?, ?)").params(id, caller.username(), body.comment(), Timestamp.from(now)).update();
            } catch (DuplicateKeyException again) {
                jdbc.sql("update incident_acknowledgement set acknowledged_by = ?, comment = ?, acknowledged_at = ? "
                        + "where incident_id = ?").params(caller.username(), body.comment(), Timestamp.from(now), id).update();
            }
            events.publishEvent(new IncidentHandled(id, incident.getTenantId(), incident.getIncidentType(), action,
                    caller.username(), body.comment(), now));
            return new IncidentAction(id, incident.getIncidentType(), state, action, caller.username(), now);
        });
    }

    private Caller operator() {
        Caller caller = callers.current();
        if (!caller.isPlatformWide()) {
            throw new NotAnIncidentOperator();
        }
        return caller;
    }

    private HistoricIncident historic(String id) {
        HistoricIncident incident = history.createHistoricIncidentQuery().incidentId(id).singleResult();
        if (incident == null) {
            throw new IncidentNotFound(id);
        }
        return incident;
    }
}
