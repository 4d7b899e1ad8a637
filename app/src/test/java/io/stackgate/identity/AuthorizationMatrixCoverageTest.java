package io.stackgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every endpoint the application serves through Spring MVC — our controllers, springdoc's, actuator's — has a row in
 * {@link AuthorizationMatrix}: an endpoint added without one fails here.
 */
@StackgateTest
class AuthorizationMatrixCoverageTest {

    /** Not endpoints: where Spring Boot forwards errors. */
    private static final Set<String> NOT_ENDPOINTS = Set.of("/error");

    private static final AuthorizationMatrix.Fixture ANY =
            new AuthorizationMatrix.Fixture("request-1", "task-1", "default", "vm-1");

    @Autowired
    List<RequestMappingInfoHandlerMapping> handlerMappings;

    @Test
    void everyHandlerMappingOfTheApplicationHasARowInTheAuthorizationMatrix() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : handlerMappings) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (NOT_ENDPOINTS.contains(pattern)) {
                        continue;
                    }
                    if (methods.isEmpty()) {
                        endpoints.add("GET " + pattern); // any method: the matrix calls it with GET
                    }
                    methods.forEach(method -> endpoints.add(method.name() + " " + pattern));
                }
            }
        }
        assertThat(endpoints).as("endpoints found").contains("GET /api/tasks/{id}", "GET /v3/api-docs",
                "GET /actuator/health");

        List<String> missing = endpoints.stream().filter(endpoint -> !covered(endpoint)).toList();
        assertThat(missing).as("endpoints without a row in AuthorizationMatrix.ROWS").isEmpty();
    }

    private static boolean covered(String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        var pattern = PathPatternParser.defaultInstance.parse(endpoint.substring(endpoint.indexOf(' ') + 1));
        return AuthorizationMatrix.ROWS.stream().map(row -> row.call().apply(() -> ANY)).anyMatch(call ->
                call.method().equals(method) && pattern.matches(PathContainer.parsePath(call.path().split("\\?")[0])));
    }
}
