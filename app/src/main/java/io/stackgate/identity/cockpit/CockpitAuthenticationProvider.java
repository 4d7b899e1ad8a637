package io.stackgate.identity.cockpit;

import java.time.Instant;
import java.util.List;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.EngineWebappLogin;
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
        // asked once per session and engine: the session's login to the web apps
        context.publishEvent(new EngineWebappLogin(caller.id(), caller.username(), engine.getName(), Instant.now()));
        return result;
    }

    private static Caller caller(Authentication authentication, WebApplicationContext context) {
        if (authentication instanceof JwtAuthenticationToken token) {
            return context.getBean(CallerResolver.class).fromJwt(token.getToken());
        }
        if (authentication.getPrincipal() instanceof OidcUser user) {
            List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(authority -> authority.startsWith("ROLE_"))
                    .map(authority -> authority.substring("ROLE_".length())).toList();
            return context.getBean(CallerResolver.class).fromClaims(user.getClaims(), roles);
        }
        return null;
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // Spring Security already answered unauthenticated requests (login redirect or 401)
    }
}
