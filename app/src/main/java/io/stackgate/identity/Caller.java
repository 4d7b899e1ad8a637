package io.stackgate.identity;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling: computed once per request from the bearer token (see {@link CallerResolver}).
 *
 * @param id       the token's {@code sub}: who the caller is for ownership and separation of duties (a username may
 *                 be renamed or reused; the subject stays)
 * @param username the token's {@code preferred_username}, for display
 * @param groups   full Keycloak group paths, e.g. {@code /tenants/acme/engineering/managers}
 * @param roles    realm roles, e.g. {@code platform-ops}, {@code tenant-admin}
 * @param tenants  the tenants this caller may see: the {@code /tenants/<id>} prefixes of its groups,
 *                 or every tenant for platform-wide roles
 */
public record Caller(String id, String username, Set<String> groups, Set<String> roles, Set<String> tenants) {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String PLATFORM_OPS = "platform-ops";
    public static final String AUDITOR = "auditor";
    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String APPROVER = "approver";
    public static final String REQUESTER = "requester";

    /** Prefix under which realm roles are handed to Camunda as group ids (candidate groups may name a role). */
    public static final String ROLE_GROUP_PREFIX = "role:";

    public Caller {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a caller needs a subject (the token's sub)");
        }
        groups = Set.copyOf(groups);
        roles = Set.copyOf(roles);
        tenants = Set.copyOf(tenants);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Platform admins and operators see every tenant. */
    public boolean isPlatformWide() {
        return hasRole(PLATFORM_ADMIN) || hasRole(PLATFORM_OPS);
    }

    public boolean canSee(String tenantId) {
        return tenants.contains(tenantId);
    }

    /**
     * Is this caller a tenant admin of the given tenant (or a platform admin)? The realm role is not enough: it
     * counts for the tenants whose {@code /tenants/<id>/admins} group the caller is in.
     */
    public boolean administers(String tenantId) {
        return hasRole(PLATFORM_ADMIN)
                || (hasRole(TENANT_ADMIN) && canSee(tenantId) && groups.contains(adminsGroup(tenantId)));
    }

    /** The tenants this caller administers (every tenant for platform admins). */
    public Set<String> administeredTenants() {
        Set<String> administered = new TreeSet<>();
        tenants.stream().filter(this::administers).forEach(administered::add);
        return administered;
    }

    public static String adminsGroup(String tenantId) {
        return "/tenants/" + tenantId + "/admins";
    }

    /** Auditors read; they change nothing, whatever groups they are in. */
    public boolean isAuditor() {
        return hasRole(AUDITOR);
    }

    /** The group ids the process engine knows this caller by: its group paths and its roles as {@code role:<name>}. */
    public Set<String> engineGroups() {
        Set<String> ids = new TreeSet<>(groups);
        roles.forEach(role -> ids.add(ROLE_GROUP_PREFIX + role));
        return ids;
    }

    /** Tenant ids found in group paths of the form {@code /tenants/<id>/...}. */
    public static Set<String> tenantsOf(Set<String> groups) {
        Set<String> tenants = new TreeSet<>();
        for (String group : groups) {
            String[] parts = group.split("/");
            if (parts.length >= 3 && parts[0].isEmpty() && parts[1].equals("tenants") && !parts[2].isBlank()) {
                tenants.add(parts[2]);
            }
        }
        return tenants;
    }
}
