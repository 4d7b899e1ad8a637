package io.stackgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.identity.keycloak.KeycloakProperties;
import io.stackgate.identity.keycloak.KeycloakServer;
import org.awaitility.Awaitility;

/**
 * The packaged application ({@code app/target/stackgate.jar}, as {@code java -jar} runs it) in a JVM of its own, on a
 * free loopback port, in-memory H2, test tokens from its own {@code /dev-identity/token} (or its own dev Keycloak:
 * {@link #withDevKeycloak}), its log in a file. For the
 * tests of what a machine gives the app (libvirt's client library or not), which the test JVM cannot take away.
 */
public final class ChildApp implements AutoCloseable {

    /** The packaged jar (failsafe runs in app/); {@code -Dstackgate.it.jar} may name another, e.g. an older build. */
    public static final Path JAR = Path.of(System.getProperty("stackgate.it.jar", "target/stackgate.jar"));

    public record Response(int status, JsonNode body) {
    }

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param jvmOptions  options of the child JVM, e.g. the JNA paths that hide libvirt's library
     * @param config      YAML of settings on top of the packaged application.yml (lists replace the packaged ones)
     */
    public ChildApp(Path folder, List<String> jvmOptions, String config) {
        this(folder, jvmOptions, config, freePort(), port -> List.of(
                "--stackgate.keycloak.launch=false",
                "--stackgate.dev-identity.enabled=true",
                "--stackgate.dev-identity.key-file=" + folder.resolve("dev-identity-key.json").toAbsolutePath()));
    }

    /**
     * The packaged app with its own dev Keycloak, as the run command has it: launched by the app from the Maven
     * distribution under {@code keycloakHome} (kept between runs: unpacking and Keycloak's first build are slow) on
     * free loopback ports, with a fresh dev database so that the realm is imported afresh, its portal client accepting
     * logins that return to this app's port; demo users with password {@code <username>-demo}, no test tokens.
     */
    public static ChildApp withDevKeycloak(Path folder, List<String> jvmOptions, Path keycloakHome) {
        Path home = keycloakHome.toAbsolutePath().normalize();
        KeycloakProperties defaults = new KeycloakProperties(true, null, home, 0, 0, null, null, null, null, null, null, null);
        new KeycloakServer(home, defaults.version(), 0, 0).forgetData();
        int httpPort = freePort();
        int managementPort = freePort();
        return new ChildApp(folder, jvmOptions, "# the packaged settings\n", freePort(), port -> List.of(
                "--stackgate.keycloak.launch=true",
                "--stackgate.keycloak.home=" + home,
                "--stackgate.keycloak.http-port=" + httpPort,
                "--stackgate.keycloak.management-port=" + managementPort,
                "--stackgate.keycloak.base-url=" + KeycloakProperties.defaultBaseUrl(httpPort),
                "--stackgate.keycloak.public-url=http://127.0.0.1:" + port,
                "--stackgate.dev-identity.enabled=false"));
    }

    private ChildApp(Path folder, List<String> jvmOptions, String config, int port, IntFunction<List<String>> identity) {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError("no packaged application at " + JAR.toAbsolutePath() + " (mvn package builds it)");
        }
        try {
            this.port = port;
            Path settings = Files.writeString(folder.resolve("child.yml"), config);
            log = folder.resolve("child.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", JAR.toAbsolutePath().toString(),
                    "--spring.config.additional-location=file:" + settings.toAbsolutePath(),
                    "--server.port=" + port,
                    "--spring.datasource.url=jdbc:h2:mem:child;DB_CLOSE_DELAY=-1",
                    "--stackgate.tenants.config-dir=" + Path.of("../tenants-config").toAbsolutePath().normalize(),
                    "--stackgate.compute.test-host-dir=" + folder.resolve("compute").toAbsolutePath()));
            command.addAll(identity.apply(port));
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the app answers, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The app's log file. */
    public Path log() {
        return log;
    }

    /** Waits until the app answers its health endpoint; fails at once, with the log's end, if it died. */
    public ChildApp awaitStarted(Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the application exited with " + process.exitValue() + ":\n" + tail(80));
            }
            try {
                return get("/actuator/health", null).status() == 200;
            } catch (IOException refused) {
                return false;
            }
        });
        return this;
    }

    /** A demo user's bearer token from the app's dev identity. */
    public String token(String username) {
        Response response = post("/dev-identity/token", null, "{\"username\":\"" + username + "\"}");
        if (response.status() != 200) {
            throw new AssertionError("no token for " + username + ": " + response);
        }
        return response.body().path("access_token").asText();
    }

    public Response get(String path, String token) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    public Response post(String path, String token, String body) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)), token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String tail(int lines) {
        List<String> all = logLines();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList(); // a dev Keycloak the app launched
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private Response send(HttpRequest.Builder request, String token) throws IOException {
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        request.header("accept", "application/json, application/problem+json").timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), text == null || text.isBlank() ? json.nullNode() : json.readTree(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
