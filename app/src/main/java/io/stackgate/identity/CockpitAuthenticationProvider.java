package io.stackgate.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Tells the Camunda webapps who is logged in: the Spring Security login (Keycloak) with its groups, roles
 * (as {@code role:<name>} groups) and tenants — every tenant for platform admins and operators.
 * Instantiated by Camunda's filter, so it reaches Spring beans through the servlet context.
 */
public class CockpitAuthenticationProvider implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return AuthenticationResult.unsuccessful();
        }
        WebApplicationContext context = WebApplicationContextUtils.getRequiredWebApplicationContext(request.getServletContext());
        Caller caller = caller(authentication, context);
        if (caller == null) {
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = AuthenticationResult.successful(caller.username());
        result.setGroups(List.copyOf(caller.engineGroups()));
        result.setTenants(List.copyOf(caller.tenants()));
        return result;
    }

    private static Caller caller(Authentication authentication, WebApplicationContext context) {
        if (authentication instanceof JwtAuthenticationToken token) {
            return context.getBean(CallerResolver.class).fromJwt(token.getToken());
        }
        if (authentication.getPrincipal() instanceof OidcUser user) {
            Set<String> roles = new TreeSet<>();
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                if (authority.getAuthority().startsWith("ROLE_")) {
                    roles.add(authority.getAuthority().substring("ROLE_".length()));
                }
            }
            Set<String> groups = new TreeSet<>(stringList(user.getClaim("groups")));
            boolean platformWide = roles.contains(Caller.PLATFORM_ADMIN) || roles.contains(Caller.PLATFORM_OPS);
            Set<String> tenants = platformWide ? context.getBean(TenantDirectory.class).allTenantIds()
                    : Caller.tenantsOf(groups);
            return new Caller(user.getPreferredUsername(), groups, roles, tenants);
        }
        return null;
    }

    private static List<String> stringList(Object value) {
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            items.forEach(item -> values.add(String.valueOf(item)));
        }
        return values;
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // Spring Security already answered unauthenticated requests (login redirect or 401)
    }
}
