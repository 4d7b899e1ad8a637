package io.stackgate.identity.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}) says how to call: every operation but the public ones takes a bearer
 * token of the issuer, either through OpenID Connect (Swagger UI's <em>Authorize</em> logs in on Keycloak with the
 * portal client, authorization code + PKCE: {@code springdoc.swagger-ui.oauth.*}) or pasted as a JWT.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String OIDC = "keycloak";
    static final String BEARER = "bearer";
    /** Paths that answer without a token (SecurityConfig permits them). */
    static final List<String> PUBLIC_PATHS = List.of("/api/public/", "/dev-identity/");

    @Bean
    OpenAPI stackgateOpenApi(TokenIssuer issuer) {
        return new OpenAPI()
                .info(new Info().title("Stackgate API").version("v1")
                        .description("Multi-tenant approval workflows for private clouds. Every call but /api/public/** "
                                + "needs a bearer token of " + issuer.uri() + "."))
                .components(new Components()
                        .addSecuritySchemes(OIDC, new SecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                                .openIdConnectUrl(issuer.uri() + "/.well-known/openid-configuration")
                                .description("Log in on the issuer (portal client, authorization code with PKCE)"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("An access token of the issuer, audience stackgate-backend")));
    }

    /** Each operation states its own requirement: either scheme for the API, none for the public paths. */
    @Bean
    OpenApiCustomizer securityOnEveryOperation() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            boolean open = PUBLIC_PATHS.stream().anyMatch(path::startsWith);
            for (Operation operation : item.readOperations()) {
                operation.setSecurity(open ? List.of() : List.of(new SecurityRequirement().addList(OIDC),
                        new SecurityRequirement().addList(BEARER)));
            }
        });
    }

    /**
     * One tag, one entry: controllers of several capabilities share a tag (Operations) with descriptions of their own,
     * which springdoc would list as repeated tags (invalid OpenAPI).
     */
    @Bean
    OpenApiCustomizer eachTagOnce() {
        return openApi -> {
            if (openApi.getTags() == null) {
                return;
            }
            Map<String, Tag> tags = new TreeMap<>();
            for (Tag tag : openApi.getTags()) {
                tags.merge(tag.getName(), tag, (first, next) -> first.description(Stream.of(first.getDescription(),
                        next.getDescription()).filter(Objects::nonNull).distinct().collect(Collectors.joining("; "))));
            }
            openApi.setTags(new ArrayList<>(tags.values()));
        };
    }
}
