package io.stackgate.kubernetes.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

/** Image platforms told by a real HTTP registry stand-in (the JDK's HttpServer), and by configuration. */
@ExtendWith(OutputCaptureExtension.class)
class RegistryImagePlatformsTest {

    private static final String TOKEN = "anonymous-pull-token-4711";
    private static final String CONFIG = "sha256:" + "c".repeat(64);
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> accepts = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> tokenQueries = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer server;
    private String registry;

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
        registry = "127.0.0.1:" + server.getAddress().getPort();
        routes.put("/v2/multi/arch/manifests/v1", json(OCI_INDEX, index("amd64", "arm64")));
        routes.put("/v2/amd64/only/manifests/v1", json("application/vnd.docker.distribution.manifest.list.v2+json",
                """
                {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
                 "manifests": [{"mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                   "digest": "sha256:%s", "size": 528, "platform": {"architecture": "amd64", "os": "linux"}}]}
                """.formatted("a".repeat(64))));
        routes.put("/v2/single/arm/manifests/v1", json("application/vnd.docker.distribution.manifest.v2+json", """
                {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                 "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1469,
                   "digest": "%s"}, "layers": []}
                """.formatted(CONFIG)));
        routes.put("/v2/single/arm/blobs/" + CONFIG, exchange -> {
            exchange.getResponseHeaders().set("Location", "/storage/config-blob");
            respond(exchange, 307, "");
        });
        routes.put("/storage/config-blob", json("application/octet-stream", "{\"architecture\": \"arm64\", \"os\": \"linux\"}"));
        routes.put("/v2/private/calico/manifests/v1", json(OCI_INDEX, index("amd64", "arm64", "s390x")));
        routes.put("/v2/private/oauth/manifests/v1", json(OCI_INDEX, index("ppc64le")));
        routes.put("/v2/garbled/manifests/v1", json(OCI_INDEX, "{not json"));
        routes.put("/v2/slow/manifests/v1", exchange -> {
            awaitRelease();
            respond(exchange, 200, index("amd64"));
        });
    }

    @AfterEach
    void stopRegistry() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void anOciIndexNamesItsPlatformsLeavingOutAttestations() {
        assertThat(platforms().architectures(registry + "/multi/arch:v1")).hasValue(Set.of("amd64", "arm64"));
        assertThat(accepts).singleElement().asString().contains(
                "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
                "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json");
    }

    @Test
    void aDockerManifestListOfOnePlatformNamesOnlyIt() {
        assertThat(platforms().architectures(registry + "/amd64/only:v1")).hasValue(Set.of("amd64"));
    }

    @Test
    void aSingleManifestIsPublishedForTheArchitectureItsRedirectedConfigBlobNames() {
        assertThat(platforms().architectures(registry + "/single/arm:v1")).hasValue(Set.of("arm64"));
        assertThat(requests).hasValue(3);
    }

    @Test
    void aRegistryWantingATokenIsAskedAgainWithAnAnonymousOne() {
        assertThat(platforms().architectures(registry + "/private/calico:v1"))
                .hasValue(Set.of("amd64", "arm64", "s390x"));
        assertThat(authorizations).containsExactly("none", "Bearer " + TOKEN);
        assertThat(tokenQueries).containsExactly("service=stand-in&scope=repository%3Aprivate%2Fcalico%3Apull");
    }

    @Test
    void aTokenServiceAnsweringAnAccessTokenIsUnderstoodToo() {
        assertThat(platforms().architectures(registry + "/private/oauth:v1")).hasValue(Set.of("ppc64le"));
        assertThat(authorizations).last().isEqualTo("Bearer oauth-" + TOKEN);
    }

    @Test
    void theTokenGoesToTheRegistryButNotToTheStorageABlobIsRedirectedTo() throws IOException {
        List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
        HttpServer storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        storage.createContext("/", exchange -> {
            storageAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            respond(exchange, 200, "{\"architecture\": \"s390x\"}");
        });
        storage.start();
        try {
            routes.put("/v2/private/single/manifests/v1", routes.get("/v2/single/arm/manifests/v1"));
            routes.put("/v2/private/single/blobs/" + CONFIG, exchange -> {
                exchange.getResponseHeaders().set("Location",
                        "http://127.0.0.1:" + storage.getAddress().getPort() + "/blob?signature=abc");
                respond(exchange, 302, "");
            });

            String storageHost = "127.0.0.1:" + storage.getAddress().getPort();
            RegistryImagePlatforms platforms = new RegistryImagePlatforms(new ImagePlatformProperties(Map.of(),
                    List.of(registry, storageHost), Duration.ofSeconds(5), null, true, null, null), new ObjectMapper(), Clock.systemUTC());
            assertThat(platforms.architectures(registry + "/private/single:v1")).hasValue(Set.of("s390x"));
            assertThat(authorizations).containsExactly("none", "Bearer " + TOKEN, "Bearer " + TOKEN);
            assertThat(storageAuthorizations).containsExactly("null");
        } finally {
            storage.stop(0);
        }
    }

    @Test
    void aMissingImageTellsNothingAndTheWarningNamesImageAndReasonButNotTheToken(CapturedOutput output) {
        String image = registry + "/private/gone:v1";

        assertThat(platforms().architectures(image)).isEmpty();
        assertThat(authorizations).containsExactly("none", "Bearer " + TOKEN);
        assertThat(output.getAll()).containsOnlyOnce("WARN").contains(image, "HTTP 404").doesNotContain(TOKEN);
    }

    @Test
    void anUnreachableRegistryTellsNothing(CapturedOutput output) throws IOException {
        String closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "127.0.0.1:" + socket.getLocalPort();
        }
        RegistryImagePlatforms platforms = new RegistryImagePlatforms(new ImagePlatformProperties(Map.of(),
                List.of(closed), Duration.ofSeconds(2), null, true, null, null), new ObjectMapper(), Clock.systemUTC());

        assertThat(platforms.architectures(closed + "/calico/node:v1")).isEmpty();
        assertThat(output.getAll()).contains(closed + "/calico/node:v1", "ConnectException");
    }

    @Test
    void aRegistryNotListedAsInsecureIsAskedOverHttps() {
        RegistryImagePlatforms platforms = new RegistryImagePlatforms(new ImagePlatformProperties(Map.of(), List.of(),
                Duration.ofMillis(500), null, true, List.of(registry), null), new ObjectMapper(), Clock.systemUTC());

        assertThat(platforms.architectures(registry + "/multi/arch:v1")).isEmpty();
        assertThat(requests).hasValue(0);
    }

    @Test
    void anAnswerThatIsNoJsonTellsNothing(CapturedOutput output) {
        assertThat(platforms().architectures(registry + "/garbled:v1")).isEmpty();
        assertThat(output.getAll()).contains("no JSON");
    }

    @Test
    void aRegistrySlowerThanTheTimeoutTellsNothing() {
        RegistryImagePlatforms platforms = new RegistryImagePlatforms(new ImagePlatformProperties(Map.of(),
                List.of(registry), Duration.ofMillis(300), null, true, null, null), new ObjectMapper(), Clock.systemUTC());

        assertThat(platforms.architectures(registry + "/slow:v1")).isEmpty();
    }

    @Test
    void overridesAnswerWithoutAskingTheRegistryExactKeysBeforeTheLongestPrefix() {
        RegistryImagePlatforms platforms = platforms(Map.of(
                registry + "/multi/arch:v1", List.of("s390x"),
                registry + "/*", List.of("arm"),
                registry + "/single/*", List.of("x86_64", "aarch64"),
                "nginx", List.of("riscv64")), Duration.ofMinutes(10));

        assertThat(platforms.architectures(registry + "/multi/arch:v1")).hasValue(Set.of("s390x"));
        assertThat(platforms.architectures(registry + "/multi/arch:v2")).hasValue(Set.of("arm"));
        assertThat(platforms.architectures(registry + "/single/arm:v1")).hasValue(Set.of("amd64", "arm64"));
        assertThat(platforms.architectures("docker.io/library/nginx:latest")).hasValue(Set.of("riscv64"));
        assertThat(requests).hasValue(0);
    }

    @Test
    void withoutLookupOnlyOverridesAnswer() {
        RegistryImagePlatforms platforms = new RegistryImagePlatforms(new ImagePlatformProperties(
                Map.of("quay.io/calico/*", List.of("amd64")), List.of(registry), null, null, false, null, null),
                new ObjectMapper(), Clock.systemUTC());

        assertThat(platforms.architectures("quay.io/calico/node:v3.26.1")).hasValue(Set.of("amd64"));
        assertThat(platforms.architectures(registry + "/multi/arch:v1")).isEmpty();
        assertThat(requests).hasValue(0);
    }

    @Test
    void answersKnownOrNotAreReusedWhileCached() {
        RegistryImagePlatforms platforms = platforms();
        platforms.architectures(registry + "/multi/arch:v1");
        platforms.architectures(registry + "/missing:v1");
        int asked = requests.get();

        assertThat(platforms.architectures(registry + "/multi/arch:v1")).hasValue(Set.of("amd64", "arm64"));
        assertThat(platforms.architectures(registry + "/missing:v1")).isEmpty();
        assertThat(requests).hasValue(asked);
    }

    @Test
    void withNoCachingEveryQuestionAsksTheRegistry() {
        RegistryImagePlatforms platforms = platforms(Map.of(), Duration.ZERO);
        platforms.architectures(registry + "/multi/arch:v1");
        platforms.architectures(registry + "/multi/arch:v1");

        assertThat(requests).hasValue(2);
    }

    @Test
    void anOverrideNamingAnInvalidImageIsRefusedAtStartUp() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ImagePlatformProperties(
                Map.of("Quay.io/Calico/Node", List.of("amd64")), null, null, null, true, null, null))
                .withMessageContaining("must be lowercase");
    }

    @Test
    void propertiesBindFromBracketedKeysAndDefaultTheRest() {
        Map<String, String> yaml = Map.of(
                "stackgate.kubernetes.images.overrides[quay.io/calico/*][0]", "amd64",
                "stackgate.kubernetes.images.overrides[quay.io/calico/*][1]", "aarch64",
                "stackgate.kubernetes.images.overrides[registry.k8s.io/pause:3.9][0]", "arm64",
                "stackgate.kubernetes.images.insecure-registries[0]", "registry.local:5000",
                "stackgate.kubernetes.images.timeout", "2s");
        ImagePlatformProperties properties = new Binder(new MapConfigurationPropertySource(yaml))
                .bindOrCreate("stackgate.kubernetes.images", ImagePlatformProperties.class);

        assertThat(properties.overrides()).containsOnly(Map.entry("quay.io/calico/*", List.of("amd64", "arm64")),
                Map.entry("registry.k8s.io/pause:3.9", List.of("arm64")));
        assertThat(properties.insecureRegistries()).containsExactly("registry.local:5000");
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.cacheFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.lookup()).isTrue();
        assertThat(properties.registries()).contains("docker.io", "quay.io", "registry.k8s.io", "ghcr.io");
    }

    private RegistryImagePlatforms platforms() {
        return platforms(Map.of(), Duration.ofMinutes(10));
    }

    private RegistryImagePlatforms platforms(Map<String, List<String>> overrides, Duration cacheFor) {
        return new RegistryImagePlatforms(new ImagePlatformProperties(overrides, List.of(registry),
                Duration.ofSeconds(5), cacheFor, true, null, null), new ObjectMapper(), Clock.systemUTC());
    }

    /** The stand-in: repositories under private/ want a bearer token from /token (or /oauth for private/oauth). */
    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (path.contains("/manifests/")) {
            accepts.add(exchange.getRequestHeaders().getFirst("Accept"));
        }
        if (path.equals("/token") || path.equals("/oauth")) {
            tokenQueries.add(exchange.getRequestURI().getRawQuery());
            respond(exchange, 200, path.equals("/token") ? "{\"token\": \"" + TOKEN + "\", \"expires_in\": 300}"
                    : "{\"access_token\": \"oauth-" + TOKEN + "\"}");
            return;
        }
        if (path.startsWith("/v2/private/")) {
            authorizations.add(authorization == null ? "none" : authorization);
            if (authorization == null) {
                String repository = path.replaceFirst("^/v2/(.+?)/(manifests|blobs)/.*$", "$1");
                String realm = repository.equals("private/oauth") ? "/oauth" : "/token";
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"http://" + registry + realm
                        + "\",service=\"stand-in\",scope=\"repository:" + repository + ":pull\"");
                respond(exchange, 401, "{\"errors\": [{\"code\": \"UNAUTHORIZED\"}]}");
                return;
            }
        }
        Route route = routes.get(path);
        if (route == null) {
            respond(exchange, 404, "{\"errors\": [{\"code\": \"MANIFEST_UNKNOWN\"}]}");
        } else {
            route.answer(exchange);
        }
    }

    private void awaitRelease() {
        try {
            released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String index(String... architectures) {
        StringBuilder manifests = new StringBuilder();
        for (String architecture : architectures) {
            manifests.append("""
                    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:%s", "size": 1024,
                     "platform": {"architecture": "%s", "os": "linux"}},
                    """.formatted("b".repeat(64), architecture));
        }
        // what BuildKit adds for provenance: not an image anyone runs
        return """
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [%s
                 {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:%s", "size": 566,
                  "annotations": {"vnd.docker.reference.type": "attestation-manifest"},
                  "platform": {"architecture": "unknown", "os": "unknown"}}]}
                """.formatted(manifests, "d".repeat(64));
    }

    private static Route json(String contentType, String body) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            respond(exchange, 200, body);
        };
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private interface Route {
        void answer(HttpExchange exchange) throws IOException;
    }
}
