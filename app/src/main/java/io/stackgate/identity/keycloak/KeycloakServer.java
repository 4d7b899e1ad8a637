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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Keycloak from {@code org.keycloak:keycloak-quarkus-dist}, unpacked under a home folder and run in dev mode as a
 * child process on 127.0.0.1. Used by the dev launcher and by the integration tests.
 */
public final class KeycloakServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final String version;
    private final int httpPort;
    private final int managementPort;
    private Process process;

    public KeycloakServer(Path home, String version, int httpPort, int managementPort) {
        this.home = home.toAbsolutePath().normalize();
        this.version = version;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    public Path distribution() {
        return home.resolve("keycloak-" + version);
    }

    public Path log() {
        return home.resolve("keycloak.log");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
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
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts {@code kc.sh start-dev} with its output in {@link #log()}; {@code environment} is added to the child's. */
    public synchronized void start(Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder("bash", "bin/kc.sh", "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--health-enabled=true", "--import-realm", "--hostname=" + baseUrl())
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
