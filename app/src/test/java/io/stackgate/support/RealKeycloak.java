package io.stackgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import io.stackgate.identity.DevIdentityProperties;
import io.stackgate.identity.KeycloakProperties;
import io.stackgate.identity.KeycloakServer;
import io.stackgate.identity.RealmGenerator;
import io.stackgate.identity.TenantGroups;
import io.stackgate.tenancy.TestTenantGroups;

/**
 * One real Keycloak per test JVM ({@code @ExtendWith(RealKeycloak.class)}, or any static method here): unpacked into
 * {@code target/keycloak-it/} (its dev database is kept between runs), started on free loopback ports with a fresh
 * realm generated from {@code src/test/tenants-config} and the demo users of application.yml (password
 * {@code <username>-demo}), replaced through the admin API at every start, and stopped when the JVM exits.
 */
public final class RealKeycloak implements BeforeAllCallback {

    public static final String TENANTS_CONFIG = "src/test/tenants-config";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeycloakProperties settings;
    private static String adminPassword;

    @Override
    public void beforeAll(ExtensionContext context) {
        settings();
    }

    /** The test tenants as identity sees them. */
    public static List<TenantGroups.Declared> tenants() {
        return TestTenantGroups.of(TENANTS_CONFIG);
    }

    /** The demo users of application.yml. */
    public static DevIdentityProperties demoUsers() {
        try {
            var sources = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
            var environment = new StandardEnvironment();
            sources.forEach(environment.getPropertySources()::addLast);
            return Binder.get(environment).bind("stackgate.dev-identity", DevIdentityProperties.class).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the server runs, its realm, clients and the backend's secret; starts the server on first use. */
    public static synchronized KeycloakProperties settings() {
        if (settings == null) {
            settings = start();
        }
        return settings;
    }

    public static String issuer() {
        return settings().issuer();
    }

    public static String baseUrl() {
        return settings().baseUrl();
    }

    /** A fresh access token of a demo user (direct access grant on the portal client, password {@code <user>-demo}). */
    public static String token(String username) {
        return token(settings().portalClientId(), username);
    }

    /**
     * A user's token through another client of the realm, e.g. Keycloak's own {@code admin-cli}, whose tokens lack
     * the platform's audience.
     */
    public static String token(String clientId, String username) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "password");
        form.add("client_id", clientId);
        form.add("username", username);
        form.add("password", username + "-demo");
        form.add("scope", "openid");
        JsonNode answer = RestClient.create(baseUrl()).post()
                .uri("/realms/{realm}/protocol/openid-connect/token", settings().realm())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class);
        return answer.path("access_token").asText();
    }

    /** The claims of a token, read without checking its signature (the app's tests check that). */
    public static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keycloak's admin API of the test realm, as the bootstrap admin of the master realm. */
    public static RestClient adminClient() {
        return RestClient.builder().baseUrl(baseUrl() + "/admin/realms/" + settings().realm())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken()).build();
    }

    /** A token of the master realm's admin: signed by the same server, but issued by another realm. */
    public static String masterAdminToken() {
        return adminToken();
    }

    private static String adminToken() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "password");
        form.add("client_id", "admin-cli");
        form.add("username", "admin");
        form.add("password", adminPassword);
        return RestClient.create(baseUrl()).post().uri("/realms/master/protocol/openid-connect/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class)
                .path("access_token").asText();
    }

    public static void addToGroup(String username, String groupPath) {
        RestClient admin = adminClient();
        admin.put().uri("/users/{user}/groups/{group}", userId(admin, username), groupId(admin, groupPath))
                .retrieve().toBodilessEntity();
    }

    public static void removeFromGroup(String username, String groupPath) {
        RestClient admin = adminClient();
        admin.delete().uri("/users/{user}/groups/{group}", userId(admin, username), groupId(admin, groupPath))
                .retrieve().toBodilessEntity();
    }

    private static String userId(RestClient admin, String username) {
        return admin.get().uri("/users?exact=true&username={u}", username).retrieve().body(JsonNode.class)
                .get(0).path("id").asText();
    }

    private static String groupId(RestClient admin, String groupPath) {
        return admin.get().uri(builder -> builder.path("/group-by-path" + groupPath).build()).retrieve()
                .body(JsonNode.class).path("id").asText();
    }

    /** For {@code @DynamicPropertySource}: the app trusts this Keycloak and syncs its groups there. */
    public static void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** For {@code @ContextConfiguration(initializers = RealKeycloak.Initializer.class)}. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, properties().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        }
    }

    private static Map<String, String> properties() {
        return Map.of("stackgate.security.issuer-uri", issuer(),
                "stackgate.keycloak.base-url", baseUrl(),
                "stackgate.keycloak.realm", settings().realm(),
                "stackgate.keycloak.backend-client-secret", settings().backendClientSecret(),
                "stackgate.keycloak.launch", "false",
                // real Keycloak tokens only: no test tokens beside them
                "stackgate.dev-identity.enabled", "false");
    }

    private static KeycloakProperties start() {
        int httpPort = freePort();
        int managementPort = freePort();
        KeycloakProperties keycloak = new KeycloakProperties(false, null, Path.of("target/keycloak-it"), httpPort,
                managementPort, null, null, null, UUID.randomUUID().toString(), null, Duration.ofMinutes(5), null);
        KeycloakServer server = new KeycloakServer(keycloak.home(), keycloak.version(), httpPort, managementPort);
        Instant begin = Instant.now();
        server.unpack();
        adminPassword = keepDatabaseOrForgetIt(server, keycloak.home().resolve("admin-password"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "real-keycloak-stop"));
        server.start(Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword));
        if (!server.awaitReady(START_TIMEOUT)) {
            server.stop();
            throw new IllegalStateException("the test Keycloak did not start: see " + server.log());
        }
        settings = keycloak;
        try {
            replaceRealm(new RealmGenerator(keycloak).realm(tenants(), demoUsers().users(), true));
        } catch (RuntimeException e) {
            settings = null;
            server.stop();
            throw e;
        }
        System.out.printf("real Keycloak ready at %s after %d s%n", server.baseUrl(),
                Duration.between(begin, Instant.now()).toSeconds());
        return keycloak;
    }

    /**
     * Keycloak's dev database survives between runs (a fresh one costs ~20 s): the master realm's admin password is
     * kept beside it, and the test realm is replaced through the admin API at every start.
     */
    private static String keepDatabaseOrForgetIt(KeycloakServer server, Path passwordFile) {
        try {
            Files.deleteIfExists(server.distribution().resolve("data/import/stackgate-realm.json"));
            if (Files.exists(passwordFile) && Files.exists(server.distribution().resolve("data/h2"))) {
                return Files.readString(passwordFile).strip();
            }
            server.forgetData();
            String password = UUID.randomUUID().toString();
            Files.writeString(passwordFile, password);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replaceRealm(JsonNode realm) {
        RestClient admin = RestClient.create(baseUrl() + "/admin/realms");
        String bearer = "Bearer " + adminToken();
        admin.delete().uri("/{realm}", realm.path("realm").asText()).header(HttpHeaders.AUTHORIZATION, bearer)
                .exchange((request, response) -> response.getStatusCode()); // 404 the first time
        admin.post().header(HttpHeaders.AUTHORIZATION, bearer).contentType(MediaType.APPLICATION_JSON)
                .body(realm.toString()).retrieve().toBodilessEntity();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
