package io.stackgate.kubernetes.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Image look-ups reach only the configured registries: a registry stand-in (the JDK's HttpServer on loopback, listed
 * by name) that redirects to another host or names a token realm elsewhere gets nothing followed, and a trap — a bare
 * socket counting every connection — proves that nothing connects there. Host names resolve through a test resolver.
 */
@ExtendWith(OutputCaptureExtension.class)
class RegistryAllowListTest {

    private static final String INDEX = """
            {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [
             {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:%s", "size": 1,
              "platform": {"architecture": "arm64", "os": "linux"}}]}
            """.formatted("b".repeat(64));

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, String> realms = new ConcurrentHashMap<>();
    private final AtomicInteger registryRequests = new AtomicInteger();
    private final AtomicInteger trapped = new AtomicInteger();
    private HttpServer server;
    private ServerSocket trap;
    private int port;
    private int trapPort;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
        port = server.getAddress().getPort();
        trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        trapPort = trap.getLocalPort();
        threads.submit(() -> {
            while (!trap.isClosed()) {
                try (Socket connection = trap.accept()) {
                    trapped.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        trap.close();
        threads.shutdownNow();
    }

    @Test
    void anImageOfARegistryNotOnTheAllowListIsNeverAskedAbout(CapturedOutput output) {
        RegistryImagePlatforms platforms = platforms(List.of(), List.of(), List.of());
        String image = "127.0.0.1:" + port + "/calico/node:v1";

        assertThat(platforms.asksRegistryOf(image)).isFalse();
        assertThat(platforms.architectures(image)).isEmpty();
        assertThat(registryRequests).hasValue(0);
        assertThat(output.getAll()).contains(image, "not looked up");
        assertThat(platforms(List.of(), List.of(), List.of()).asksRegistryOf("quay.io/calico/node:v1"))
                .as("nothing listed, nothing asked").isFalse();
    }

    @Test
    void theRegistryListedByNameIsAskedOnItsLoopbackAddress() {
        RegistryImagePlatforms platforms = platforms(List.of("registry.stand-in.test:" + port), List.of(), List.of());

        assertThat(platforms.architectures("registry.stand-in.test:" + port + "/multi/arch:v1")).hasValue(Set.of("arm64"));
        assertThat(registryRequests).hasValue(1);
    }

    @Test
    void aRedirectToAHostOffTheAllowListIsNotFollowed(CapturedOutput output) {
        redirects.put("/v2/moved/manifests/v1", "https://elsewhere.test:" + trapPort + "/v2/moved/manifests/v1");
        redirects.put("/v2/loopback/manifests/v1", "https://127.0.0.1:" + trapPort + "/metadata");
        RegistryImagePlatforms platforms = platforms(List.of("registry.stand-in.test:" + port), List.of(), List.of());

        assertThat(platforms.architectures("registry.stand-in.test:" + port + "/moved:v1")).isEmpty();
        assertThat(platforms.architectures("registry.stand-in.test:" + port + "/loopback:v1")).isEmpty();

        assertThat(registryRequests).hasValue(2);
        assertThat(trapped).as("no connection off the allow-list").hasValue(0);
        assertThat(output.getAll()).contains("elsewhere.test:" + trapPort + " is not an allowed registry",
                "127.0.0.1:" + trapPort + " is not an allowed registry");
    }

    @Test
    void aTokenRealmOffTheAllowListOrOnAPrivateAddressIsNeverAsked(CapturedOutput output) {
        realms.put("/v2/foreign/manifests/v1", "https://tokens.elsewhere.test:" + trapPort + "/token");
        realms.put("/v2/loopback/manifests/v1", "http://127.0.0.1:" + trapPort + "/token");
        realms.put("/v2/metadata/manifests/v1", "https://169.254.169.254/latest/meta-data/iam/security-credentials");
        // allowed by a pattern, but it resolves to a loopback address: only a host listed by name may
        realms.put("/v2/rebound/manifests/v1", "https://auth.stand-in.test:" + trapPort + "/token");
        RegistryImagePlatforms platforms = platforms(List.of("registry.stand-in.test:" + port), List.of("*.stand-in.test"),
                List.of());

        for (String repository : List.of("foreign", "loopback", "metadata", "rebound")) {
            assertThat(platforms.architectures("registry.stand-in.test:" + port + "/" + repository + ":v1")).isEmpty();
        }

        assertThat(trapped).as("no token service off the allow-list or on a private address was reached").hasValue(0);
        assertThat(output.getAll()).contains("tokens.elsewhere.test:" + trapPort + " is not an allowed registry",
                "127.0.0.1:" + trapPort + " is not an allowed registry", "169.254.169.254 is not an allowed registry",
                "auth.stand-in.test resolves to 127.0.0.1, which is not a public address");
    }

    @Test
    void aHostAllowedByAPatternThatResolvesToAPrivateAddressIsRefusedBeforeConnecting() {
        ImagePlatformProperties properties = properties(List.of(), List.of("*.stand-in.test"), List.of());
        RegistryHttp http = new RegistryHttp(properties, RegistryAllowListTest::resolve);

        for (String host : List.of("mirror.stand-in.test", "metadata.stand-in.test", "private.stand-in.test")) {
            assertThatThrownBy(() -> http.get(URI.create("https://" + host + ":" + trapPort + "/v2/"), "*/*", null))
                    .as(host).isInstanceOf(IOException.class).hasMessageContaining("not a public address");
        }
        assertThat(trapped).hasValue(0);
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "255.255.255.255", "::1", "fe80::1", "fd00:ec2::254", "::ffff:10.0.0.1")) {
            assertThat(RegistryHttp.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : List.of("8.8.8.8", "151.101.1.69", "2001:4860:4860::8888")) {
            assertThat(RegistryHttp.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void theDefaultsAllowThePublicRegistriesAndTheirTokenServicesOnly() {
        ImagePlatformProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("stackgate.kubernetes.images", ImagePlatformProperties.class);

        assertThat(defaults.registries()).containsExactly("docker.io", "quay.io", "registry.k8s.io", "ghcr.io");
        assertThat(defaults.looksUp("docker.io")).isTrue();
        assertThat(defaults.looksUp("registry.example.com")).isFalse();
        assertThat(defaults.allows("registry-1.docker.io")).isTrue();
        assertThat(defaults.allows("auth.docker.io")).isTrue();
        assertThat(defaults.allows("europe-west1-docker.pkg.dev")).isTrue();
        assertThat(defaults.allows("169.254.169.254")).isFalse();
        assertThat(defaults.allows("docker.io.evil.example")).isFalse();
        assertThat(defaults.namesHost("europe-west1-docker.pkg.dev")).as("a pattern names no host").isFalse();
    }

    private static InetAddress[] resolve(String host) throws java.net.UnknownHostException {
        return switch (host) {
            case "mirror.stand-in.test", "registry.stand-in.test", "auth.stand-in.test" ->
                    new InetAddress[] {InetAddress.getLoopbackAddress()};
            case "metadata.stand-in.test" -> InetAddress.getAllByName("169.254.169.254");
            case "private.stand-in.test" -> InetAddress.getAllByName("10.0.0.7");
            default -> InetAddress.getAllByName(host);
        };
    }

    private ImagePlatformProperties properties(List<String> registries, List<String> hosts, List<String> insecure) {
        return new ImagePlatformProperties(Map.of(), insecure, Duration.ofSeconds(3), Duration.ZERO, true, registries,
                hosts);
    }

    /** The registries are plain HTTP here: each is also listed as insecure. */
    private RegistryImagePlatforms platforms(List<String> registries, List<String> hosts, List<String> insecure) {
        List<String> plain = new java.util.ArrayList<>(insecure);
        plain.addAll(registries);
        ImagePlatformProperties properties = properties(registries, hosts, plain);
        return new RegistryImagePlatforms(properties, new ObjectMapper(),
                new RegistryHttp(properties, RegistryAllowListTest::resolve), Clock.systemUTC());
    }

    private void serve(HttpExchange exchange) throws IOException {
        registryRequests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        if (redirects.containsKey(path)) {
            exchange.getResponseHeaders().set("Location", redirects.get(path));
            respond(exchange, 307, "");
        } else if (realms.containsKey(path)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + realms.get(path) + "\"");
            respond(exchange, 401, "{}");
        } else if (path.equals("/v2/multi/arch/manifests/v1")) {
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.index.v1+json");
            respond(exchange, 200, INDEX);
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
