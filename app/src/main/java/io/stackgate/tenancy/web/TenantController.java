package io.stackgate.tenancy.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.tenancy.ApprovalLevel;
import io.stackgate.tenancy.ApprovalPolicy;
import io.stackgate.tenancy.OrgUnit;
import io.stackgate.tenancy.ProjectUsage;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaService;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.TenantNotFound;
import io.stackgate.tenancy.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenants a caller may see, their org units, approval levels and projects with quota and usage. */
@Tag(name = "Tenants", description = "Tenants, org units, approval levels, projects with quota and usage")
@RestController
@RequestMapping("/api/tenants")
class TenantController {

    record TenantView(String id, String name, List<OrgUnit> orgUnits, List<LevelView> approvalLevels) {
    }

    /** @param sla ISO-8601, e.g. {@code PT48H} */
    @Schema(name = "TenantApprovalLevel") // a configured level; a request's state at a level is RequestLevel
    record LevelView(String name, String sla) {
    }

    /** @param role the caller's role in the project ({@code owner|member|viewer}), null when it has none */
    record ProjectView(String id, String name, String orgUnit, Quota quota, Quota used, String role) {
    }

    private final Tenants tenants;
    private final QuotaService quotas;
    private final CallerResolver callers;

    TenantController(Tenants tenants, QuotaService quotas, CallerResolver callers) {
        this.tenants = tenants;
        this.quotas = quotas;
        this.callers = callers;
    }

    @Operation(operationId = "listTenants", summary = "The tenants the caller may see, with their org units and approval levels")
    @GetMapping
    List<TenantView> visibleTenants() {
        Caller caller = callers.current();
        return tenants.all().stream()
                .filter(tenant -> caller.canSee(tenant.id()))
                .map(TenantController::view)
                .toList();
    }

    @Operation(operationId = "listProjects", summary = "A tenant's projects with their quota, usage and the caller's role")
    @GetMapping("/{tenantId}/projects")
    List<ProjectView> projects(@PathVariable String tenantId) {
        Caller caller = callers.current();
        Tenant tenant = tenants.find(tenantId).filter(t -> caller.canSee(t.id()))
                .orElseThrow(() -> new TenantNotFound(tenantId));
        return tenant.projects().stream()
                .map(project -> {
                    ProjectUsage usage = quotas.usage(tenantId, project.id());
                    return new ProjectView(project.id(), project.name(), project.orgUnit(), usage.quota(), usage.used(),
                            project.roleOf(caller.groups()).map(role -> role.name().toLowerCase(Locale.ROOT)).orElse(null));
                })
                .toList();
    }

    private static TenantView view(Tenant tenant) {
        List<LevelView> levels = tenant.approval().levels().values().stream()
                .sorted(Comparator.comparingInt(TenantController::chainPosition).thenComparing(ApprovalLevel::name))
                .map(level -> new LevelView(level.name(), level.sla().toString()))
                .toList();
        return new TenantView(tenant.id(), tenant.name(), tenant.orgUnits(), levels);
    }

    /** Levels in the order approval-chain.dmn uses them, any others after. */
    private static int chainPosition(ApprovalLevel level) {
        int position = ApprovalPolicy.REQUIRED_LEVELS.indexOf(level.name());
        return position < 0 ? Integer.MAX_VALUE : position;
    }
}
