package io.stackgate.identity.cockpit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.keycloak.KeycloakConfig;
import io.stackgate.identity.keycloak.KeycloakProperties;
import io.stackgate.identity.security.EngineApiWrites;
import io.stackgate.identity.security.SecurityConfig;
import io.stackgate.identity.security.TokenIssuer;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Camunda Cockpit, Tasklist and Admin ({@code /camunda}) for platform admins and operators, through the same
 * Keycloak login (authorization code flow on the backend client) or a bearer token. Camunda's container-based
 * authentication then takes the user, groups and tenants from that login.
 */
@Configuration(proxyBeanMethods = false)
class CockpitSecurity {

    static final String REGISTRATION = "keycloak";

    @Bean
    @Order(1)
    SecurityFilterChain cockpitFilterChain(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
        // explicit path matchers: the Camunda webapps' API is a servlet of its own, not Spring MVC
        http.securityMatcher(new OrRequestMatcher(path("/camunda/**"), path("/oauth2/**"), path("/login/**"),
                        path("/logout")))
                // the Camunda webapps carry their own CSRF protection on their API
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(auth -> auth
                        // approvals happen in the platform's inbox, where its rules hold: no Tasklist
                        .requestMatchers(path("/camunda/app/tasklist/**"), path("/camunda/api/tasklist/**")).denyAll()
                        .requestMatchers(EngineApiWrites.INSTANCE).denyAll()
                        .requestMatchers(path("/camunda/**")).hasAnyRole(Caller.PLATFORM_ADMIN, Caller.PLATFORM_OPS)
                        .anyRequest().permitAll())
                .oauth2Login(login -> login.loginPage("/oauth2/authorization/" + REGISTRATION).userInfoEndpoint(user -> user.oidcUserService(rolesFromAccessToken(jwtDecoder))))
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(
                        SecurityConfig.jwtAuthenticationConverter())))
                .logout(logout -> logout.logoutSuccessUrl("/"));
        return http.build();
    }

    static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /** The login's authorities are the realm roles of its access token (Keycloak's ID token doesn't carry them). */
    static OAuth2UserService<OidcUserRequest, OidcUser> rolesFromAccessToken(JwtDecoder jwtDecoder) {
        OidcUserService standard = new OidcUserService();
        return request -> {
            OidcUser user = standard.loadUser(request);
            Jwt accessToken = jwtDecoder.decode(request.getAccessToken().getTokenValue());
            Collection<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
            CallerResolver.realmRoles(accessToken).forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
        };
    }

    /** Built on first use, so the app starts while the dev Keycloak is still starting. */
    @Bean
    ClientRegistrationRepository clientRegistrations(TokenIssuer issuer, KeycloakProperties keycloak) {
        return registrationId -> !REGISTRATION.equals(registrationId) ? null
                : ClientRegistration.withRegistrationId(REGISTRATION)
                        .clientId(keycloak.backendClientId())
                        .clientSecret(KeycloakConfig.withSecret(keycloak).backendClientSecret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                        .scope("openid", "profile")
                        .issuerUri(issuer.uri())
                        .authorizationUri(issuer.uri() + "/protocol/openid-connect/auth")
                        .tokenUri(issuer.uri() + "/protocol/openid-connect/token")
                        .jwkSetUri(issuer.uri() + "/protocol/openid-connect/certs")
                        .userInfoUri(issuer.uri() + "/protocol/openid-connect/userinfo")
                        .userNameAttributeName("preferred_username")
                        .clientName("Keycloak")
                        .build();
    }

    /** Hands the Spring Security login to the Camunda webapps (after Spring Security's filter chain). */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaContainerAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.addInitParameter("authentication-provider", CockpitAuthenticationProvider.class.getName());
        registration.setUrlPatterns(List.of("/camunda/*"));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
