package io.stackgate.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.identity.DevIdentity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Calls the running application over HTTP with Keycloak-shaped bearer tokens for the demo users
 * (signed by the dev identity's key, as the issue allows for tests).
 */
@TestComponent
public class Api {

    public record Response(int status, JsonNode body) {

        public String text(String field) {
            return body.path(field).asText();
        }
    }

    private final Environment environment;
    private final ObjectProvider<DevIdentity> identities;
    private final ObjectMapper json;
    private RestClient http;

    // the port is known only once the server has started, after this bean was created;
    // test tokens exist only where enabled (the ITs call with real Keycloak tokens through withToken)
    Api(Environment environment, ObjectProvider<DevIdentity> identities, ObjectMapper json) {
        this.environment = environment;
        this.identities = identities;
        this.json = json;
    }

    private synchronized RestClient http() {
        if (http == null) {
            http = RestClient.builder()
                    .baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port")).build();
        }
        return http;
    }

    /** Calls as a demo user from application.yml (alice, bob, carol, maya, olga, admin, dave, erin, frank, fiona). */
    public As as(String username) {
        return new As(identities.getObject().tokenFor(username));
    }

    /** Calls as a made-up user with exactly these groups and roles. */
    public As as(String username, List<String> groups, List<String> roles) {
        return new As(identities.getObject().token(username, groups, roles, java.time.Duration.ofMinutes(10)));
    }

    /** Calls with no token at all. */
    public As anonymous() {
        return new As(null);
    }

    /** Calls with a raw Authorization token. */
    public As withToken(String token) {
        return new As(token);
    }

    public class As {
        private final String token;

        As(String token) {
            this.token = token;
        }

        public Response get(String path) {
            return exchange("GET", path, null);
        }

        /** A GET that accepts only this media type (e.g. the OpenAPI document as YAML). */
        public Response get(String path, MediaType accept) {
            return exchange("GET", path, null, accept);
        }

        public Response post(String path, Object body) {
            return exchange("POST", path, body);
        }

        public Response post(String path) {
            return exchange("POST", path, null);
        }

        public Response put(String path, Object body) {
            return exchange("PUT", path, body);
        }

        private Response exchange(String method, String path, Object body) {
            return exchange(method, path, body, MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        }

        private Response exchange(String method, String path, Object body, MediaType... accept) {
            RestClient.RequestBodySpec request = http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                    .accept(accept);
            if (token != null) {
                request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body instanceof String s ? s : write(body));
            }
            return request.exchange((req, res) -> {
                HttpStatusCode status = res.getStatusCode();
                byte[] bytes = res.getBody().readAllBytes();
                JsonNode node = bytes.length == 0 ? json.nullNode() : parse(bytes);
                return new Response(status.value(), node);
            });
        }
    }

    /** JSON as a tree; anything else (Swagger UI's HTML, the YAML document) as one text node. */
    private JsonNode parse(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (java.io.IOException notJson) {
            return json.getNodeFactory().textNode(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
