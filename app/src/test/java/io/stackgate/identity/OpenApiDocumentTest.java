package io.stackgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.stackgate.identity.security.TokenIssuer;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * /v3/api-docs passes the standard OpenAPI parser's validation, and every operation has a summary, a unique
 * operationId, a tag and the bearer (OIDC) requirement — none for the public ones.
 */
@StackgateTest
class OpenApiDocumentTest {

    @Autowired
    Api api;

    @Autowired
    TokenIssuer issuer;

    @Autowired
    ApplicationContext context;

    private OpenAPI document(List<String> messages) {
        Api.Response response = api.as("alice").get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(response.body().toString(), null, options);
        if (result.getMessages() != null) {
            messages.addAll(result.getMessages());
        }
        return result.getOpenAPI();
    }

    @Test
    void theDocumentIsValidOpenApi() {
        List<String> messages = new ArrayList<>();
        OpenAPI openApi = document(messages);
        assertThat(messages).isEmpty();
        assertThat(openApi.getPaths()).isNotEmpty();
    }

    /**
     * springdoc names a schema after its class's simple name: two answer types of one name would become one schema
     * (the UI's generated types would then lie about one of them). Every type in an answer or body has its own name.
     */
    @Test
    void noTwoTypesOfTheApiShareASchemaName() {
        Map<String, Set<Class<?>>> byName = new TreeMap<>();
        context.getBeansWithAnnotation(RestController.class).values().forEach(controller -> {
            for (Method method : AopUtils.getTargetClass(controller).getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
                    continue;
                }
                collect(method.getGenericReturnType(), byName);
                for (Type parameter : method.getGenericParameterTypes()) {
                    collect(parameter, byName);
                }
            }
        });
        assertThat(byName.entrySet().stream().filter(entry -> entry.getValue().size() > 1).map(Map.Entry::toString))
                .isEmpty();
    }

    private static void collect(Type type, Map<String, Set<Class<?>>> byName) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), byName);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, byName);
            }
        } else if (type instanceof Class<?> type1 && type1.getPackageName().startsWith("io.stackgate")) {
            Schema schema = type1.getAnnotation(Schema.class);
            String name = schema != null && !schema.name().isBlank() ? schema.name() : type1.getSimpleName();
            if (byName.computeIfAbsent(name, key -> new HashSet<>()).add(type1)) {
                if (type1.isRecord()) {
                    for (RecordComponent component : type1.getRecordComponents()) {
                        collect(component.getGenericType(), byName);
                    }
                }
                for (Class<?> permitted : type1.isSealed() ? type1.getPermittedSubclasses() : new Class<?>[0]) {
                    collect(permitted, byName);
                }
            }
        }
    }

    @Test
    void itDeclaresTheIssuersOpenIdConnectAndBearerSchemes() {
        Map<String, SecurityScheme> schemes = document(new ArrayList<>()).getComponents().getSecuritySchemes();
        assertThat(schemes.get("keycloak").getType()).isEqualTo(SecurityScheme.Type.OPENIDCONNECT);
        assertThat(schemes.get("keycloak").getOpenIdConnectUrl()).isEqualTo(issuer.uri() + "/.well-known/openid-configuration");
        assertThat(schemes.get("bearer").getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(schemes.get("bearer").getScheme()).isEqualTo("bearer");
        assertThat(schemes.get("bearer").getBearerFormat()).isEqualTo("JWT");
    }

    @Test
    void everyOperationHasASummaryAUniqueOperationIdATagAndTheBearerRequirementButThePublicOnes() {
        OpenAPI openApi = document(new ArrayList<>());
        List<String> operationIds = new ArrayList<>();
        List<SecurityRequirement> bearer = List.of(new SecurityRequirement().addList("keycloak"),
                new SecurityRequirement().addList("bearer"));
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            assertThat(operation.getSummary()).as(name + " summary").isNotBlank();
            assertThat(operation.getOperationId()).as(name + " operationId").isNotBlank()
                    .doesNotContainPattern("_\\d+$"); // springdoc's suffix for a clash
            assertThat(operation.getTags()).as(name + " tags").isNotEmpty();
            operationIds.add(operation.getOperationId());
            if (path.startsWith("/api/public/") || path.startsWith("/dev-identity/")) {
                assertThat(operation.getSecurity()).as(name + " is public").isEmpty();
            } else {
                assertThat(operation.getSecurity()).as(name + " security").isEqualTo(bearer);
            }
        }));
        assertThat(operationIds).doesNotHaveDuplicates().contains("listRequests", "approveTask", "actOnResource",
                "resolveFinding", "getKeycloakGroupSync", "getPublicConfig");
    }
}
