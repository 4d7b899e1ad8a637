package io.stackgate.identity.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.DevIdentity;
import io.stackgate.identity.keycloak.DevKeycloak;
import io.stackgate.identity.keycloak.KeycloakProperties;
import io.stackgate.web.ProblemAdvice;
import io.stackgate.web.SinglePageApp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Every call needs a bearer JWT except health (its details only for platform admins and operators), the public
 * config and the static shell; the rest of actuator is for platform admins and operators; the API docs and Swagger UI
 * need a token unless {@code stackgate.security.public-api-docs} (the dev profile). Cockpit: {@code cockpit.CockpitSecurity}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
            "/swagger-ui.html"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties security,
            ApplicationEventPublisher events, Clock clock) throws Exception {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        // a write refused by these rules is told to the audit log too (who tried what)
        AccessDeniedHandler refusals = (request, response, denied) -> {
            ProblemAdvice.refused(events, clock, request, denied.getMessage());
            bearer.handle(request, response, denied);
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                            .requestMatchers("/actuator", "/actuator/**").hasAnyRole(Caller.PLATFORM_ADMIN, Caller.PLATFORM_OPS)
                            .requestMatchers("/api/public/**").permitAll()
                            .requestMatchers(HttpMethod.POST, "/dev-identity/token").permitAll();
                    if (security.publicApiDocs()) {
                        auth.requestMatchers(API_DOCS).permitAll();
                    }
                    auth.requestMatchers(HttpMethod.GET, SinglePageApp.PAGES).permitAll()
                            .requestMatchers(EngineApiWrites.INSTANCE).denyAll()
                            .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**")).hasAnyRole(Caller.PLATFORM_ADMIN, Caller.PLATFORM_OPS)
                            .anyRequest().authenticated();
                })
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(refusals))
                .oauth2ResourceServer(oauth -> oauth.accessDeniedHandler(refusals).jwt(jwt -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter())));
        return http.build();
    }

    @Bean
    TokenIssuer tokenIssuer(SecurityProperties security, ObjectProvider<DevIdentity> devIdentity,
            KeycloakProperties keycloak) {
        DevIdentity dev = devIdentity.getIfAvailable();
        if (dev != null) {
            return new TokenIssuer(dev.issuer(), TokenIssuer.Kind.TEST_TOKENS);
        }
        if (security.hasExternalIssuer()) {
            return new TokenIssuer(security.issuerUri(), TokenIssuer.Kind.EXTERNAL);
        }
        return new TokenIssuer(keycloak.issuer(), TokenIssuer.Kind.DEV_KEYCLOAK);
    }

    /**
     * Checks signature (the issuer's published keys, fetched on first use so the app starts while Keycloak is still
     * starting), expiry, issuer and audience.
     */
    @Bean
    JwtDecoder jwtDecoder(TokenIssuer issuer, SecurityProperties security, ObjectProvider<DevIdentity> devIdentity,
            ObjectProvider<DevKeycloak> devKeycloak) {
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer(issuer.uri());
        if (security.audience() != null && !security.audience().isBlank()) {
            validator = new DelegatingOAuth2TokenValidator<>(validator, audience(security.audience()));
        }
        // Keycloak marks its tokens: only access tokens open the API (an ID token carries the same audience)
        validator = new DelegatingOAuth2TokenValidator<>(validator, SecurityConfig::accessTokenOnly);
        // who the caller is comes from sub (ownership, separation of duties): a token without one opens nothing
        validator = new DelegatingOAuth2TokenValidator<>(validator, SecurityConfig::hasSubject);
        OAuth2TokenValidator<Jwt> validators = validator;
        if (issuer.kind() == TokenIssuer.Kind.TEST_TOKENS) {
            NimbusJwtDecoder decoder = devIdentity.getObject().decoder();
            decoder.setJwtValidator(validators);
            return decoder;
        }
        return new SupplierJwtDecoder(() -> {
            devKeycloak.ifAvailable(keycloak -> keycloak.awaitReady(Duration.ofSeconds(30)));
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer.uri());
            decoder.setJwtValidator(validators);
            return decoder;
        });
    }

    private static OAuth2TokenValidatorResult hasSubject(Jwt jwt) {
        return jwt.getSubject() != null && !jwt.getSubject().isBlank() ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the token names no subject (sub)", null));
    }

    private static OAuth2TokenValidatorResult accessTokenOnly(Jwt jwt) {
        String type = jwt.getClaimAsString("typ");
        return type == null || "Bearer".equals(type) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not an access token: " + type, null));
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error wrongAudience = new OAuth2Error("invalid_token", "the token is not meant for " + audience, null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(wrongAudience);
    }

    /** Realm roles become {@code ROLE_<role>} authorities. */
    public static JwtAuthenticationConverter jwtAuthenticationConverter() {
        Converter<Jwt, Collection<GrantedAuthority>> roles = jwt -> {
            List<String> realmRoles = CallerResolver.realmRoles(jwt);
            return realmRoles.stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        };
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        converter.setPrincipalClaimName("preferred_username");
        return converter;
    }
}
