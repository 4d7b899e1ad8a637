package io.stackgate.requests;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.web.Forbidden;
import io.stackgate.web.InvalidInput;

/** Provisioning incidents for operators (every tenant) and tenant admins (their own tenants). */
@Tag(name = "Operations", description = "Incidents of request processes")
@RestController
class IncidentController {

    /** @param state {@code open}, or {@code closed} once its process went on or ended (e.g. a compensated failure) */
    record IncidentView(String id, String tenant, String requestId, String process, String activity, String type,
            String message, Instant created, String state, Instant closed) {
    }

    private final RuntimeService runtime;
    private final HistoryService history;
    private final EngineAuthentication engine;
    private final CallerResolver callers;

    IncidentController(RuntimeService runtime, HistoryService history, EngineAuthentication engine, CallerResolver callers) {
        this.runtime = runtime;
        this.history = history;
        this.engine = engine;
        this.callers = callers;
    }

    @Operation(operationId = "listIncidents", summary = "Incidents of request and provisioning processes in the caller's scope: open ones (default), "
            + "closed ones (e.g. provisioning failures that were compensated), or all")
    @GetMapping("/api/incidents")
    List<IncidentView> incidents(@RequestParam(required = false) String tenant,
            @RequestParam(defaultValue = "open") String state) {
        if (!List.of("open", "closed", "all").contains(state)) {
            throw new InvalidInput("state", "must be open, closed or all");
        }
        Caller caller = callers.current();
        Set<String> scope = caller.isPlatformWide() ? caller.tenants() : caller.administeredTenants();
        if (scope.isEmpty()) {
            throw new Forbidden("incidents are for platform operators and tenant admins");
        }
        if (tenant != null && !scope.contains(tenant)) {
            return List.of();
        }
        String[] tenants = tenant != null ? new String[] {tenant} : scope.toArray(String[]::new);
        return engine.as(caller, () -> {
            List<IncidentView> views = new java.util.ArrayList<>();
            if (!state.equals("closed")) {
                runtime.createIncidentQuery().tenantIdIn(tenants).orderByIncidentTimestamp().desc().list()
                        .forEach(incident -> views.add(view(incident)));
            }
            if (!state.equals("open")) {
                history.createHistoricIncidentQuery().tenantIdIn(tenants).resolved().orderByCreateTime().desc()
                        .listPage(0, 500).forEach(incident -> views.add(view(incident)));
                history.createHistoricIncidentQuery().tenantIdIn(tenants).deleted().orderByCreateTime().desc()
                        .listPage(0, 500).forEach(incident -> views.add(view(incident)));
            }
            views.sort(java.util.Comparator.comparing(IncidentView::created).reversed());
            return views;
        });
    }

    private IncidentView view(HistoricIncident incident) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(incident.getProcessInstanceId()).singleResult();
        return new IncidentView(incident.getId(), incident.getTenantId(),
                instance == null ? null : instance.getBusinessKey(),
                incident.getProcessDefinitionKey(), incident.getActivityId(), incident.getIncidentType(),
                incident.getIncidentMessage(), incident.getCreateTime().toInstant(), "closed",
                incident.getEndTime() == null ? null : incident.getEndTime().toInstant());
    }

    private IncidentView view(Incident incident) {
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceId(incident.getProcessInstanceId()).singleResult();
        return new IncidentView(incident.getId(), incident.getTenantId(),
                instance == null ? null : instance.getBusinessKey(),
                incident.getProcessDefinitionId() == null ? null : incident.getProcessDefinitionId().split(":")[0],
                incident.getActivityId(), incident.getIncidentType(), incident.getIncidentMessage(),
                incident.getIncidentTimestamp().toInstant(), "open", null);
    }
}
