package io.stackgate.audit.log;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who acted: the signed-in caller of the thread that made the change (an API token, or an operator's Cockpit
 * session); else the user the event itself names (a change made for them by the engine); else {@code system}.
 */
final class AuditActors {

    static final String SYSTEM = "system";

    record Actor(String id, String name) {
    }

    private AuditActors() {
    }

    static Actor current(String named) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            String username = token.getToken().getClaimAsString("preferred_username");
            return new Actor(token.getToken().getSubject(), username != null ? username : token.getName());
        }
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            return new Actor(user.getSubject(), user.getPreferredUsername() != null ? user.getPreferredUsername()
                    : user.getSubject());
        }
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return new Actor(authentication.getName(), authentication.getName());
        }
        if (named != null && !named.isBlank()) {
            return new Actor(named, named);
        }
        return new Actor(SYSTEM, SYSTEM);
    }
}
