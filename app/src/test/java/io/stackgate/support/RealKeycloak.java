package io.stackgate.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackgate.identity.DevIdentityProperties;
import io.stackgate.identity.TenantGroups;
import io.stackgate.identity.keycloak.KeycloakProperties;
import io.stackgate.identity.keycloak.KeycloakServer;
import io.stackgate.identity.keycloak.RealmGenerator;
import io.stackgate.tenancy.config.TestTenantGroups;
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
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * One real Keycloak per test JVM ({@code @ExtendWith(RealKeycloak.class)}, or any static method here): unpacked into
 * {@code target/keycloak-it/} (its dev database is kept between runs), started on free loopback ports with a fresh
 * realm generated from {@code src/test/tenants-config} and the demo users of application.yml (password
 * {@code <username>-demo}), replaced through the admin API at every start, and stopped when the JVM exits.
 * <p>
 * {@link #https()} is a second, separate Keycloak for what needs an HTTPS issuer (the Kubernetes API server's OIDC
 * authenticator): the same realm, with its own {@value #KUBERNETES_CLIENT} client, plus {@value #KUBERNETES_SHORT_LIVED_CLIENT},
 * its issuer {@code https://127.0.0.1:<port>} with a certificate for 127.0.0.1 signed by a CA generated for the run. The app under test
 * never talks to it, so its HTTP clients need not trust that CA.
 */
public final class RealKeycloak implements BeforeAllCallback {

    public static final String TENANTS_CONFIG = "src/test/tenants-config";
    /**
     * The HTTPS Keycloak's client for Kubernetes: public, direct access grants, full group paths in {@code groups}
     * and {@value} in the access token's {@code aud} (the API server's {@code --oidc-client-id}); its tokens live as
     * long as the realm says ({@link #HTTPS_TOKEN_LIFESPAN}).
     */
    public static final String KUBERNETES_CLIENT = "kubernetes";
    /** Like {@link #KUBERNETES_CLIENT} (audience {@value #KUBERNETES_CLIENT} too), but its tokens live {@link #SHORT_TOKEN_LIFESPAN}. */
    public static final String KUBERNETES_SHORT_LIVED_CLIENT = "kubernetes-short-lived";
    /** Access token lifespan of the HTTPS Keycloak's realm: a token issued before a group change works this long. */
    public static final Duration HTTPS_TOKEN_LIFESPAN = Duration.ofMinutes(5);
    public static final Duration SHORT_TOKEN_LIFESPAN = Duration.ofSeconds(3);

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Instance http;
    private static Instance https;

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

    /** The (HTTP) Keycloak of this JVM, the one the app under test trusts; started on first use. */
    public static synchronized Instance http() {
        if (http == null) {
            http = startHttp();
        }
        return http;
    }

    /**
     * The HTTPS Keycloak of this JVM, separate from {@link #http()}: in {@code target/keycloak-https-it/}, its CA and
     * serving certificate in {@code target/keycloak-https-it/tls/} (fresh for every JVM); started on first use.
     */
    public static synchronized Instance https() {
        if (https == null) {
            https = startHttps();
        }
        return https;
    }

    /** Where the server runs, its realm, clients and the backend's secret; starts the server on first use. */
    public static KeycloakProperties settings() {
        return http().settings();
    }

    public static String issuer() {
        return http().issuer();
    }

    public static String baseUrl() {
        return http().baseUrl();
    }

    /** A fresh access token of a demo user (direct access grant on the portal client, password {@code <user>-demo}). */
    public static String token(String username) {
        return http().token(username);
    }

    /**
     * A user's token through another client of the realm, e.g. Keycloak's own {@code admin-cli}, whose tokens lack
     * the platform's audience.
     */
    public static String token(String clientId, String username) {
        return http().token(clientId, username);
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
        return http().adminClient();
    }

    /** A token of the master realm's admin: signed by the same server, but issued by another realm. */
    public static String masterAdminToken() {
        return http().masterAdminToken();
    }

    public static void addToGroup(String username, String groupPath) {
        http().addToGroup(username, groupPath);
    }

    public static void removeFromGroup(String username, String groupPath) {
        http().removeFromGroup(username, groupPath);
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

    // ------------------------------------------------------------------------------------------------ one server

    /** One running Keycloak: its settings, the master realm's admin password and, for HTTPS, the CA it is served with. */
    public static final class Instance {

        private final KeycloakProperties settings;
        private final String adminPassword;
        private final Optional<Path> caFile;
        private final Optional<SSLContext> ssl;

        private Instance(KeycloakProperties settings, String adminPassword, Optional<Path> caFile) {
            this.settings = settings;
            this.adminPassword = adminPassword;
            this.caFile = caFile.map(Path::toAbsolutePath);
            this.ssl = this.caFile.map(RealKeycloak::trusting);
        }

        public KeycloakProperties settings() {
            return settings;
        }

        /** The issuer of the realm's tokens, e.g. {@code https://127.0.0.1:<port>/realms/stackgate}. */
        public String issuer() {
            return settings.issuer();
        }

        public String baseUrl() {
            return settings.baseUrl();
        }

        /** The PEM file of the CA that signed the HTTPS certificate; empty for plain HTTP. */
        public Optional<Path> caFile() {
            return caFile;
        }

        /** A fresh access token of a demo user through the portal client. */
        public String token(String username) {
            return token(settings.portalClientId(), username);
        }

        /** A fresh access token of a demo user (password {@code <user>-demo}) through any client with direct grants. */
        public String token(String clientId, String username) {
            return tokens(clientId, username).path("access_token").asText();
        }

        /** The whole token response (access, ID and refresh token) of a direct access grant. */
        public JsonNode tokens(String clientId, String username) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "password");
            form.add("client_id", clientId);
            form.add("username", username);
            form.add("password", username + "-demo");
            form.add("scope", "openid");
            return rest(baseUrl()).post()
                    .uri("/realms/{realm}/protocol/openid-connect/token", settings.realm())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class);
        }

        /** Keycloak's admin API of the test realm, as the bootstrap admin of the master realm. */
        public RestClient adminClient() {
            return rest(baseUrl() + "/admin/realms/" + settings.realm()).mutate()
                    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + masterAdminToken()).build();
        }

        /** A token of the master realm's admin. */
        public String masterAdminToken() {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "password");
            form.add("client_id", "admin-cli");
            form.add("username", "admin");
            form.add("password", adminPassword);
            return rest(baseUrl()).post().uri("/realms/master/protocol/openid-connect/token")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class)
                    .path("access_token").asText();
        }

        public void addToGroup(String username, String groupPath) {
            RestClient admin = adminClient();
            admin.put().uri("/users/{user}/groups/{group}", userId(admin, username), groupId(admin, groupPath))
                    .retrieve().toBodilessEntity();
        }

        public void removeFromGroup(String username, String groupPath) {
            RestClient admin = adminClient();
            admin.delete().uri("/users/{user}/groups/{group}", userId(admin, username), groupId(admin, groupPath))
                    .retrieve().toBodilessEntity();
        }

        /** A REST client for this server: over HTTPS it trusts only the generated CA. */
        public RestClient rest(String baseUrl) {
            RestClient.Builder builder = RestClient.builder().baseUrl(baseUrl);
            ssl.ifPresent(context -> builder.requestFactory(new JdkClientHttpRequestFactory(
                    HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build())));
            return builder.build();
        }

        private static String userId(RestClient admin, String username) {
            return admin.get().uri("/users?exact=true&username={u}", username).retrieve().body(JsonNode.class)
                    .get(0).path("id").asText();
        }

        private static String groupId(RestClient admin, String groupPath) {
            return admin.get().uri(builder -> builder.path("/group-by-path" + groupPath).build()).retrieve()
                    .body(JsonNode.class).path("id").asText();
        }

        /** Deletes the realm if it is there and creates it from {@code realm}. */
        private void replaceRealm(JsonNode realm) {
            RestClient admin = rest(baseUrl() + "/admin/realms");
            String bearer = "Bearer " + masterAdminToken();
            admin.delete().uri("/{realm}", realm.path("realm").asText()).header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange((request, response) -> response.getStatusCode()); // 404 the first time
            admin.post().header(HttpHeaders.AUTHORIZATION, bearer).contentType(MediaType.APPLICATION_JSON)
                    .body(realm.toString()).retrieve().toBodilessEntity();
        }
    }

    // ------------------------------------------------------------------------------------------------------ HTTP

    private static Instance startHttp() {
        int httpPort = freePort();
        int managementPort = freePort();
        KeycloakProperties keycloak = new KeycloakProperties(false, null, Path.of("target/keycloak-it"), httpPort,
                managementPort, null, null, null, UUID.randomUUID().toString(), null, Duration.ofMinutes(5), null);
        KeycloakServer server = new KeycloakServer(keycloak.home(), keycloak.version(), httpPort, managementPort);
        Instant begin = Instant.now();
        server.unpack();
        String adminPassword = keepDatabaseOrForgetIt(server, keycloak.home().resolve("admin-password"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "real-keycloak-stop"));
        server.start(Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword));
        if (!server.awaitReady(START_TIMEOUT)) {
            server.stop();
            throw new IllegalStateException("the test Keycloak did not start: see " + server.log());
        }
        Instance instance = new Instance(keycloak, adminPassword, Optional.empty());
        try {
            instance.replaceRealm(new RealmGenerator(keycloak).realm(tenants(), demoUsers().users(), true));
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        System.out.printf("real Keycloak ready at %s after %d s%n", server.baseUrl(),
                Duration.between(begin, Instant.now()).toSeconds());
        return instance;
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

    // ----------------------------------------------------------------------------------------------------- HTTPS

    /**
     * {@code kc.sh start-dev} over HTTPS (its HTTP port, which dev mode always opens, is left unused). {@code --hostname} pins the issuer to {@code https://127.0.0.1:<port>}
     * whatever URL a token is asked on (else {@code iss} follows the request and the API server refuses it); the
     * management interface ({@code /health/ready}) serves HTTPS with the same certificate.
     */
    private static Instance startHttps() {
        int httpsPort = freePort();
        int managementPort = freePort();
        String baseUrl = "https://127.0.0.1:" + httpsPort;
        KeycloakProperties keycloak = new KeycloakProperties(false, null, Path.of("target/keycloak-https-it"),
                httpsPort, managementPort, null, baseUrl, null, UUID.randomUUID().toString(), null,
                HTTPS_TOKEN_LIFESPAN, null);
        Path home = keycloak.home().toAbsolutePath().normalize();
        // start-dev keeps HTTP on whatever --http-port says (8080 unless told): a free loopback port, unused
        KeycloakServer plain = new KeycloakServer(home, keycloak.version(), freePort(), managementPort);
        Instant begin = Instant.now();
        plain.unpack();
        killLeftover(home.resolve("keycloak.pid"), home);
        String adminPassword = keepDatabaseOrForgetIt(plain, home.resolve("admin-password"));
        Path tls = home.resolve("tls");
        makeCertificates(tls);
        KeycloakServer server = plain.withHttps(httpsPort, tls.resolve("keycloak.crt"), tls.resolve("keycloak.key"),
                trusting(tls.resolve("ca.crt")));
        Instance instance = new Instance(keycloak, adminPassword, Optional.of(tls.resolve("ca.crt")));

        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "real-keycloak-https-stop"));
        server.start(Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword));
        recordPid(server, home.resolve("keycloak.pid"));
        if (!server.awaitReady(START_TIMEOUT)) {
            server.stop();
            throw new IllegalStateException("the HTTPS test Keycloak did not start: see " + server.log());
        }
        try {
            ObjectNode realm = new RealmGenerator(keycloak).realm(tenants(), demoUsers().users(), true);
            // the generated realm's own "kubernetes" client, as production has it, plus a copy whose tokens expire fast
            ArrayNode clients = realm.withArray("clients");
            ObjectNode shortLived = null;
            for (JsonNode client : clients) {
                if (KUBERNETES_CLIENT.equals(client.path("clientId").asText())) {
                    shortLived = ((ObjectNode) client).deepCopy().put("clientId", KUBERNETES_SHORT_LIVED_CLIENT);
                }
            }
            if (shortLived == null) {
                throw new IllegalStateException("the generated realm has no " + KUBERNETES_CLIENT + " client");
            }
            shortLived.with("attributes").put("access.token.lifespan", String.valueOf(SHORT_TOKEN_LIFESPAN.toSeconds()));
            clients.add(shortLived);
            instance.replaceRealm(realm);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        System.out.printf("real Keycloak (HTTPS) ready at %s after %d s%n", baseUrl,
                Duration.between(begin, Instant.now()).toSeconds());
        return instance;
    }

    /** A CA and a serving certificate for 127.0.0.1 and localhost, signed by it (openssl, EC P-256). */
    private static void makeCertificates(Path tls) {
        try {
            deleteFolder(tls);
            Files.createDirectories(tls);
            openssl(tls, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", "ca.key", "-out", "ca.crt", "-days", "3650", "-subj", "/CN=stackgate-keycloak-it-ca",
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
            openssl(tls, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", "keycloak.key", "-out", "keycloak.csr", "-subj", "/CN=127.0.0.1");
            Files.writeString(tls.resolve("keycloak.ext"), """
                    basicConstraints=CA:FALSE
                    keyUsage=critical,digitalSignature,keyEncipherment
                    extendedKeyUsage=serverAuth
                    subjectAltName=IP:127.0.0.1,DNS:localhost
                    """);
            openssl(tls, "x509", "-req", "-in", "keycloak.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-days", "3650", "-extfile", "keycloak.ext", "-out", "keycloak.crt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: see " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An SSL context trusting only the CA in {@code caFile}. */
    private static SSLContext trusting(Path caFile) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("keycloak-it-ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caFile))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a JVM killed hard finds the HTTPS Keycloak it left behind ({@link #killLeftover}). */
    private static void recordPid(KeycloakServer server, Path pidFile) {
        try {
            Files.writeString(pidFile, server.process().map(ProcessHandle::pid).map(String::valueOf).orElse("") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JVM killed hard leaves its HTTPS Keycloak behind, holding the dev database: end the one recorded in
     * {@code pidFile} (kc.sh, which execs java) and its children, if it still runs Keycloak from this home.
     */
    private static void killLeftover(Path pidFile, Path home) {
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            String pid = Files.readString(pidFile).strip();
            Files.delete(pidFile);
            if (pid.isEmpty()) {
                return;
            }
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(handle -> {
                String line = handle.info().commandLine().orElse("");
                if (line.contains(home.toString())) {
                    List<ProcessHandle> tree = handle.descendants().toList();
                    tree.forEach(ProcessHandle::destroyForcibly);
                    handle.destroyForcibly();
                    tree.forEach(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
