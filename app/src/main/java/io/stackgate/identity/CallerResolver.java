package io.stackgate.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.stackgate.identity.security.SecurityProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** The one place that turns a bearer token into a {@link Caller}. */
@Component
public class CallerResolver {

    private final TenantDirectory tenantDirectory;
    private final boolean organizationTenants;

    CallerResolver(TenantDirectory tenantDirectory, SecurityProperties security) {
        this.tenantDirectory = tenantDirectory;
        this.organizationTenants = security.organizationTenants();
    }

    /** The caller of the current HTTP request; fails if the request is not authenticated with a JWT. */
    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return fromJwt(token.getToken());
        }
        throw new IllegalStateException("no authenticated caller in this thread");
    }

    public Caller fromJwt(Jwt jwt) {
        return fromClaims(jwt.getClaims(), realmRoles(jwt));
    }

    /**
     * The caller from a token's claims ({@code sub}, {@code preferred_username}, {@code groups},
     * {@code organization}) and its realm roles; the one place that decides a caller's tenants.
     */
    public Caller fromClaims(Map<String, Object> claims, Collection<String> realmRoles) {
        Object subject = claims.get("sub");
        if (subject == null || subject.toString().isBlank()) {
            throw new IllegalArgumentException("the token has no subject (sub)");
        }
        Object username = claims.get("preferred_username");
        if (username == null || username.toString().isBlank()) {
            username = subject;
        }
        Set<String> groups = Set.copyOf(stringList(claims.get("groups")));
        Set<String> roles = Set.copyOf(realmRoles);
        boolean platformWide = roles.contains(Caller.PLATFORM_ADMIN) || roles.contains(Caller.PLATFORM_OPS);
        Set<String> tenants = new TreeSet<>(Caller.tenantsOf(groups));
        if (organizationTenants) { // off by default: organization memberships live outside the groups tenants-config maps
            tenants.addAll(organizations(claims.get("organization")));
        }
        if (platformWide) {
            tenants = tenantDirectory.allTenantIds();
        } else {
            tenants.retainAll(tenantDirectory.allTenantIds());
        }
        return new Caller(subject.toString(), String.valueOf(username), groups, roles, tenants);
    }

    /**
     * Keycloak organizations the user belongs to ({@code organization} claim: a list of aliases, or a map keyed
     * by alias); an organization's alias is a tenant id.
     */
    static Set<String> organizations(Object claim) {
        if (claim instanceof Map<?, ?> map) {
            return map.keySet().stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
        }
        return new TreeSet<>(stringList(claim));
    }

    /** The realm roles of a Keycloak token ({@code realm_access.roles}). */
    public static List<String> realmRoles(Jwt jwt) {
        Object realmAccess = jwt.getClaim("realm_access");
        if (realmAccess instanceof Map<?, ?> map) {
            return stringList(map.get("roles"));
        }
        return List.of();
    }

    private static List<String> stringList(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
