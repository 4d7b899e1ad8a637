package io.stackgate.identity.web;

import java.util.List;
import java.util.Map;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.TenantDirectory;
import io.stackgate.identity.TenantDirectory.TenantEntry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, as the platform sees it: what a UI shows in its header and which pages it offers. */
@Tag(name = "Identity", description = "The caller as the platform sees it")
@RestController
class MeController {

    private static final List<String> PLATFORM_ROLES = List.of(Caller.PLATFORM_ADMIN, Caller.PLATFORM_OPS, Caller.AUDITOR);
    private static final List<String> TENANT_ROLES = List.of(Caller.TENANT_ADMIN, Caller.APPROVER, Caller.REQUESTER);

    /**
     * @param roles    the caller's platform roles ({@code platform-admin}, {@code platform-ops}, {@code auditor})
     * @param tenants  the tenants the caller may see (every tenant for platform operators and admins)
     * @param approver may hold approval tasks (the {@code approver} role)
     * @param operator a platform operator or admin (hosts, incidents, reconciliation)
     */
    record Me(String sub, String username, String displayName, String email, List<String> roles,
            List<TenantMembership> tenants, boolean approver, boolean operator, boolean auditor) {
    }

    /**
     * @param roles    the caller's tenant roles here ({@code tenant-admin}, {@code approver}, {@code requester}): a
     *                 realm role counts in the tenants whose groups the caller is in ({@code tenant-admin}: in
     *                 its admins group)
     * @param projects the projects in which the caller has a role
     */
    record TenantMembership(String tenantId, String name, List<String> roles, List<ProjectMembership> projects) {
    }

    /** @param role {@code owner|member|viewer} */
    record ProjectMembership(String projectId, String name, String role) {
    }

    private final CallerResolver callers;
    private final TenantDirectory tenants;

    MeController(CallerResolver callers, TenantDirectory tenants) {
        this.callers = callers;
        this.tenants = tenants;
    }

    @Operation(operationId = "getMe", summary = "Who the caller is: platform roles, tenants with the caller's roles and "
            + "projects there")
    @GetMapping("/api/me")
    Me me() {
        Caller caller = callers.current();
        Map<String, Object> claims = claims();
        String displayName = text(claims.get("name"));
        List<TenantMembership> memberships = tenants.describe(caller.tenants(), caller.groups()).stream()
                .map(tenant -> membership(caller, tenant)).toList();
        return new Me(caller.id(), caller.username(), displayName == null ? caller.username() : displayName,
                text(claims.get("email")), PLATFORM_ROLES.stream().filter(caller::hasRole).toList(), memberships,
                caller.hasRole(Caller.APPROVER), caller.isPlatformWide(), caller.isAuditor());
    }

    private static TenantMembership membership(Caller caller, TenantEntry tenant) {
        String prefix = "/tenants/" + tenant.id() + "/";
        boolean member = caller.groups().stream().anyMatch(group -> group.startsWith(prefix));
        List<String> roles = TENANT_ROLES.stream().filter(caller::hasRole).filter(role -> role.equals(Caller.TENANT_ADMIN)
                ? caller.groups().contains(Caller.adminsGroup(tenant.id())) : member).toList();
        return new TenantMembership(tenant.id(), tenant.name(), roles, tenant.projects().stream()
                .map(project -> new ProjectMembership(project.id(), project.name(), project.role())).toList());
    }

    private static Map<String, Object> claims() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token ? token.getToken().getClaims() : Map.of();
    }

    private static String text(Object claim) {
        return claim == null || claim.toString().isBlank() ? null : claim.toString();
    }
}
