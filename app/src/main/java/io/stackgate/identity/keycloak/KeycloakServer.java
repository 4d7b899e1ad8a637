package io.stackgate.identity.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Keycloak from {@code org.keycloak:keycloak-quarkus-dist}, unpacked under a home folder and run in dev mode as a
 * child process on 127.0.0.1: started, polled until ready and stopped with its children. Used by the dev launcher and
 * by the integration tests (which also serve it over HTTPS: {@link #withHttps}).
 */
public final class KeycloakServer {

    /**
     * Serving HTTPS on {@code port} with this certificate and key (PEM); the management interface serves HTTPS with
     * the same certificate, so readiness is asked through {@code trust}.
     */
    private record Https(int port, Path certificate, Path key, SSLContext trust) {
    }

    private final Path home;
    private final String version;
    private final int httpPort;
    private final int managementPort;
    private final Https https;
    private final HttpClient http;
    private Process process;

    public KeycloakServer(Path home, String version, int httpPort, int managementPort) {
        this(home, version, httpPort, managementPort, null);
    }

    private KeycloakServer(Path home, String version, int httpPort, int managementPort, Https https) {
        this.home = home.toAbsolutePath().normalize();
        this.version = version;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.https = https;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        this.http = (https == null ? client : client.sslContext(https.trust())).build();
    }

    /**
     * The same server answering HTTPS on {@code httpsPort} ({@link #baseUrl()} and the issuer become
     * {@code https://127.0.0.1:<httpsPort>}; the HTTP port, which dev mode always opens, stays on loopback unused).
     *
     * @param trust an SSL context trusting the certificate's issuer, for the readiness checks
     */
    public KeycloakServer withHttps(int httpsPort, Path certificate, Path key, SSLContext trust) {
        return new KeycloakServer(home, version, httpPort, managementPort, new Https(httpsPort, certificate, key, trust));
    }

    public Path distribution() {
        return home.resolve("keycloak-" + version);
    }

    public Path log() {
        return home.resolve("keycloak.log");
    }

    public String baseUrl() {
        return https == null ? "http://127.0.0.1:" + httpPort : "https://127.0.0.1:" + https.port();
    }

    /** The process this object started, while it runs. */
    public synchronized Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    /**
     * Unpacks the distribution unless {@code bin/kc.sh} is there: from {@code <home>/keycloak-quarkus-dist-<version>.tar.gz}
     * (put there by the Maven build), else from the local Maven repository.
     */
    public void unpack() {
        if (Files.exists(distribution().resolve("bin/kc.sh"))) {
            return;
        }
        String name = "keycloak-quarkus-dist-" + version + ".tar.gz";
        Path archive = home.resolve(name);
        if (!Files.exists(archive)) {
            archive = mavenRepository().resolve("org/keycloak/keycloak-quarkus-dist").resolve(version).resolve(name);
        }
        if (!Files.exists(archive)) {
            throw new IllegalStateException("Keycloak " + version + " not found: build once with ./mvnw (it copies "
                    + name + " to " + home + ")");
        }
        run(List.of("tar", "-xzf", archive.toString(), "-C", home.toString()));
    }

    /**
     * Puts the realm where {@code --import-realm} finds it (an existing realm of that name is kept as it is). The file
     * holds the backend's secret and the demo passwords: only its owner may read it.
     */
    public void importRealm(ObjectNode realm) {
        Path file = distribution().resolve("data/import").resolve(realm.path("realm").asText() + "-realm.json");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), realm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Forgets every realm and user: the next start imports the realms afresh. */
    public void forgetData() {
        run(List.of("rm", "-rf", distribution().resolve("data/h2").toString(),
                distribution().resolve("data/transaction-logs").toString()));
    }

    public boolean isReady() {
        try {
            String scheme = https == null ? "http" : "https";
            HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + managementPort
                    + "/health/ready")).timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts {@code kc.sh start-dev} with its output in {@link #log()}; {@code environment} is added to the child's.
     * {@code --hostname} pins the issuer to {@link #baseUrl()} whatever URL a token is asked on.
     */
    public synchronized void start(Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("bash", "bin/kc.sh", "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--health-enabled=true", "--import-realm", "--hostname=" + baseUrl()));
        if (https != null) {
            command.addAll(List.of("--https-port=" + https.port(),
                    "--https-certificate-file=" + https.certificate().toAbsolutePath(),
                    "--https-certificate-key-file=" + https.key().toAbsolutePath()));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(distribution().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().putAll(environment);
        builder.environment().putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak in " + distribution(), e);
        }
    }

    /** Waits until {@code /health/ready} answers 200; false when the time is up or the process died. */
    public boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos(); // a timeout, not a time of day: the monotonic clock
        while (System.nanoTime() - deadline < 0) {
            if (isReady()) {
                return true;
            }
            Process started = process;
            if (started != null && !started.isAlive()) {
                return false;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return isReady();
    }

    /** Stops the process this object started, with its children (a server it merely found running is left alone). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.toHandle().descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static Path mavenRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private void run(List<String> command) {
        try {
            Files.createDirectories(home);
            Process child = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!child.waitFor(5, TimeUnit.MINUTES) || child.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
