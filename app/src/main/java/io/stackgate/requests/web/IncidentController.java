package io.stackgate.requests.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stackgate.errors.InvalidInput;
import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.EngineAuthentication;
import io.stackgate.requests.MayNotSeeIncidents;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricIncidentQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Provisioning incidents for operators (every tenant) and tenant admins (their own tenants). */
@Tag(name = "Operations", description = "Incidents of request processes")
@RestController
class IncidentController {

    /**
     * @param processInstanceId the engine's process instance (Cockpit's page of it)
     * @param state {@code open}, or {@code closed} once its process went on or ended (e.g. a compensated failure)
     * @param acknowledgement an operator's resolution comment, when one was stored (POST /api/incidents/{id}/resolve)
     */
    record IncidentView(String id, String tenant, String requestId, String processInstanceId, String process,
            String activity, String type, String message, Instant created, String state, Instant closed,
            Acknowledgement acknowledgement) {
    }

    /** Who resolved or acknowledged an incident here, when, and why (table incident_acknowledgement). */
    @Schema(name = "IncidentAcknowledgement")
    record Acknowledgement(String by, Instant at, String comment) {
    }

    private final HistoryService history;
    private final EngineAuthentication engine;
    private final CallerResolver callers;
    private final JdbcClient jdbc;

    IncidentController(HistoryService history, EngineAuthentication engine, CallerResolver callers, JdbcClient jdbc) {
        this.history = history;
        this.engine = engine;
        this.callers = callers;
        this.jdbc = jdbc;
    }

    @Operation(operationId = "listIncidents", summary = "Incidents of request and provisioning processes in the caller's scope, newest first, a page at "
            + "a time: open ones (default), closed ones (e.g. provisioning failures that were compensated), or all")
    @GetMapping("/api/incidents")
    Page<IncidentView> incidents(@RequestParam(required = false) String tenant,
            @RequestParam(defaultValue = "open") String state,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        if (!List.of("open", "closed", "all").contains(state)) {
            throw new InvalidInput("state", "must be open, closed or all");
        }
        PageRequest paging = PageRequest.of(page, size);
        Caller caller = callers.current();
        Set<String> scope = caller.isPlatformWide() ? caller.tenants() : caller.administeredTenants();
        if (scope.isEmpty()) {
            throw new MayNotSeeIncidents();
        }
        if (tenant != null && !scope.contains(tenant)) {
            return Page.of(List.of(), paging, 0);
        }
        String[] tenants = tenant != null ? new String[] {tenant} : scope.toArray(String[]::new);
        return engine.as(caller, () -> {
            // the engine's history holds every incident, open and closed: one query per state asked for, paged there
            List<HistoricIncidentQuery> queries = switch (state) {
                case "open" -> List.of(history.createHistoricIncidentQuery().tenantIdIn(tenants).open());
                case "closed" -> List.of(history.createHistoricIncidentQuery().tenantIdIn(tenants).resolved(),
                        history.createHistoricIncidentQuery().tenantIdIn(tenants).deleted());
                default -> List.of(history.createHistoricIncidentQuery().tenantIdIn(tenants));
            };
            long total = queries.stream().mapToLong(HistoricIncidentQuery::count).sum();
            // newest first across the queries: the first offset+size of each are enough to cut this page from
            int needed = (int) Math.min(Integer.MAX_VALUE, paging.offset() + paging.size());
            List<HistoricIncident> merged = new ArrayList<>();
            queries.forEach(query -> merged.addAll(query.orderByCreateTime().desc().listPage(0, needed)));
            merged.sort(Comparator.comparing(HistoricIncident::getCreateTime).reversed()
                    .thenComparing(HistoricIncident::getId));
            List<HistoricIncident> onPage = paging.slice(merged).items();
            Map<String, String> requestIds = requestIds(onPage);
            Map<String, Acknowledgement> acknowledgements = acknowledgements(onPage);
            return Page.of(onPage.stream().map(incident -> view(incident, requestIds,
                    acknowledgements.get(incident.getId()))).toList(), paging, total);
        });
    }

    /** The request id (business key) of each incident's process instance, in one query. */
    private Map<String, String> requestIds(List<HistoricIncident> incidents) {
        Set<String> instanceIds = new HashSet<>();
        incidents.forEach(incident -> instanceIds.add(incident.getProcessInstanceId()));
        Map<String, String> keys = new HashMap<>();
        if (!instanceIds.isEmpty()) {
            history.createHistoricProcessInstanceQuery().processInstanceIds(instanceIds).list()
                    .forEach(instance -> keys.put(instance.getId(), instance.getBusinessKey()));
        }
        return keys;
    }

    /** The stored acknowledgements of the incidents on the page, by incident id, in one query. */
    private Map<String, Acknowledgement> acknowledgements(List<HistoricIncident> incidents) {
        if (incidents.isEmpty()) {
            return Map.of();
        }
        List<String> ids = incidents.stream().map(HistoricIncident::getId).toList();
        Map<String, Acknowledgement> found = new HashMap<>();
        jdbc.sql("select incident_id, acknowledged_by, comment, acknowledged_at from incident_acknowledgement "
                + "where incident_id in (:ids)").param("ids", ids)
                .query((row, n) -> Map.entry(row.getString("incident_id"), new Acknowledgement(
                        row.getString("acknowledged_by"), row.getTimestamp("acknowledged_at").toInstant(),
                        row.getString("comment"))))
                .list().forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        return found;
    }

    private static IncidentView view(HistoricIncident incident, Map<String, String> requestIds,
            Acknowledgement acknowledgement) {
        boolean open = incident.isOpen();
        return new IncidentView(incident.getId(), incident.getTenantId(), requestIds.get(incident.getProcessInstanceId()),
                incident.getProcessInstanceId(), incident.getProcessDefinitionKey(), incident.getActivityId(),
                incident.getIncidentType(), incident.getIncidentMessage(), incident.getCreateTime().toInstant(),
                open ? "open" : "closed", incident.getEndTime() == null ? null : incident.getEndTime().toInstant(),
                acknowledgement);
    }
}
