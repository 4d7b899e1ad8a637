package io.stackgate.requests;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.web.Forbidden;

/** Provisioning incidents for operators (every tenant) and tenant admins (their own tenants). */
@Tag(name = "Operations", description = "Incidents of request processes")
@RestController
class IncidentController {

    record IncidentView(String id, String tenant, String requestId, String process, String activity, String type,
            String message, Instant created) {
    }

    private final RuntimeService runtime;
    private final EngineAuthentication engine;
    private final CallerResolver callers;

    IncidentController(RuntimeService runtime, EngineAuthentication engine, CallerResolver callers) {
        this.runtime = runtime;
        this.engine = engine;
        this.callers = callers;
    }

    @Operation(summary = "Open incidents of request and provisioning processes in the caller's scope")
    @GetMapping("/api/incidents")
    List<IncidentView> incidents(@RequestParam(required = false) String tenant) {
        Caller caller = callers.current();
        Set<String> scope = caller.isPlatformWide() ? caller.tenants() : caller.administeredTenants();
        if (scope.isEmpty()) {
            throw new Forbidden("incidents are for platform operators and tenant admins");
        }
        if (tenant != null && !scope.contains(tenant)) {
            return List.of();
        }
        String[] tenants = tenant != null ? new String[] {tenant} : scope.toArray(String[]::new);
        return engine.as(caller, () -> runtime.createIncidentQuery().tenantIdIn(tenants).orderByIncidentTimestamp()
                .desc().list().stream().map(this::view).toList());
    }

    private IncidentView view(Incident incident) {
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceId(incident.getProcessInstanceId()).singleResult();
        return new IncidentView(incident.getId(), incident.getTenantId(),
                instance == null ? null : instance.getBusinessKey(),
                incident.getProcessDefinitionId() == null ? null : incident.getProcessDefinitionId().split(":")[0],
                incident.getActivityId(), incident.getIncidentType(), incident.getIncidentMessage(),
                incident.getIncidentTimestamp().toInstant());
    }
}
