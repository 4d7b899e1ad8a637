package io.stackgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real Kubernetes control plane per test JVM: Debian's etcd, and kube-apiserver plus kube-controller-manager
 * v1.20.2 built by {@code deploy/kubernetes/build-apiserver.sh} into {@code $STACKGATE_K8S_CACHE}
 * (default {@code /var/cache/stackgate/kubernetes}). No kubelet: pods are stored and admitted, never run.
 * <p>
 * Started on first {@link #cluster()} on free loopback ports with fresh certificates (openssl), a fresh etcd and an
 * admin bearer token in {@code system:masters}; files and logs under {@code app/target/kube-it/}; stopped by a JVM
 * shutdown hook. Ready means {@code /readyz} answers ok and the aggregated ClusterRole {@code edit} has rules, which
 * only the controller manager fills in (it also finishes namespace deletion, counts ResourceQuota usage and creates
 * service-account tokens).
 * <p>
 * As a JUnit extension ({@code @ExtendWith(RealKubernetes.class)}) it skips every test of the class when the binaries
 * are missing, unless {@code STACKGATE_REQUIRE_REAL_KUBERNETES=1} (then it fails), and injects {@code RealKubernetes}
 * parameters (into {@code @BeforeEach} and test methods: a static {@code @BeforeAll} would start, or build, the
 * cluster before the skip is decided).
 */
public final class RealKubernetes implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    /** OIDC trust for the API server: the issuer must serve HTTPS with a certificate signed by {@code caFile}. */
    public record Oidc(String issuerUrl, String clientId, Path caFile) {
        public Oidc {
            Objects.requireNonNull(issuerUrl, "issuerUrl");
            Objects.requireNonNull(clientId, "clientId");
        }
    }

    public static final String VERSION = "v1.20.2";
    public static final String REQUIRE_ENV = "STACKGATE_REQUIRE_REAL_KUBERNETES";
    public static final String ADMIN_USER = "stackgate-admin";
    /** The in-cluster address of the API server, and the issuer (and audience) of service-account tokens. */
    public static final String SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc";
    public static final String SERVICE_CLUSTER_IP_RANGE = "10.96.0.0/12";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(40);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BINARIES = List.of("kube-apiserver", "kube-controller-manager");

    private static RealKubernetes running;
    private static boolean hookInstalled;

    private final Optional<Oidc> oidc;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private String apiServerUrl;
    private String adminToken;
    private String caPem;
    private Path kubeconfig;

    private RealKubernetes(Optional<Oidc> oidc, Path dir) {
        this.oidc = oidc;
        this.dir = dir;
    }

    /** JUnit's constructor for {@code @ExtendWith}: the extension instance only delegates to the shared cluster. */
    public RealKubernetes() {
        this(Optional.empty(), null);
    }

    // ----------------------------------------------------------------------------------------------- the cluster

    /** The cluster of this JVM, without OIDC; started on first use. */
    public static RealKubernetes cluster() {
        return cluster(Optional.empty());
    }

    /**
     * The cluster of this JVM with the API server trusting {@code oidc}. The API server reads its OIDC flags only at
     * start: a cluster already running with other OIDC settings is stopped and a fresh one started.
     */
    public static RealKubernetes cluster(Oidc oidc) {
        return cluster(Optional.of(oidc));
    }

    private static synchronized RealKubernetes cluster(Optional<Oidc> oidc) {
        if (running != null && running.oidc.equals(oidc)) {
            return running;
        }
        if (running != null) {
            running.stop();
            running = null;
        }
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(RealKubernetes::stopRunning, "real-kubernetes-stop"));
            hookInstalled = true;
        }
        RealKubernetes cluster = new RealKubernetes(oidc, repositoryRoot().resolve("app/target/kube-it"));
        try {
            cluster.start();
        } catch (RuntimeException | Error e) {
            cluster.stop();
            throw e;
        }
        running = cluster;
        return cluster;
    }

    private static synchronized void stopRunning() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    // ------------------------------------------------------------------------------------- a Spring context on it

    /** The cluster name a Spring context pointed at the real cluster knows it by. */
    public static final String CLUSTER_NAME = "kube-it";

    /**
     * For a test's {@code @DynamicPropertySource}: points the Spring context at this JVM's cluster, as its one cluster
     * {@value #CLUSTER_NAME} with groups prefixed {@code oidc:}, when a cluster can run here (else the test is skipped
     * and the context keeps its default). Answers whether it did, so that a test adds its own properties only then.
     */
    public static boolean pointSpringAt(DynamicPropertyRegistry registry) {
        return pointSpringAt(registry, RealKubernetes::cluster);
    }

    /**
     * As {@link #pointSpringAt(DynamicPropertyRegistry)}, at the cluster {@code cluster} gives (one with OIDC). The
     * kubeconfig is read now, as the context starts: a later look-up must not restart a cluster another test class has
     * started since with other settings.
     */
    public static boolean pointSpringAt(DynamicPropertyRegistry registry, Supplier<RealKubernetes> cluster) {
        if (!available()) {
            return false;
        }
        String kubeconfig = cluster.get().kubeconfigPath();
        registry.add("stackgate.kubernetes.clusters[0].name", () -> CLUSTER_NAME);
        registry.add("stackgate.kubernetes.clusters[0].kubeconfig", () -> kubeconfig);
        registry.add("stackgate.kubernetes.clusters[0].group-prefix", () -> "oidc:");
        return true;
    }

    /** An admin kubeconfig (bearer token, the cluster CA inline). */
    public String kubeconfigPath() {
        return kubeconfig.toString();
    }

    /** A fabric8 client as the admin of {@link #kubeconfigPath()}; the caller closes it. */
    public io.fabric8.kubernetes.client.KubernetesClient adminClient() {
        try {
            return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                    io.fabric8.kubernetes.client.Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code https://127.0.0.1:<port>} */
    public String apiServerUrl() {
        return apiServerUrl;
    }

    /** The PEM of the CA that signed the API server's serving certificate (and that it trusts for client certs). */
    public String caPem() {
        return caPem;
    }

    /** A bearer token of {@value #ADMIN_USER}, member of {@code system:masters}. */
    public String adminToken() {
        return adminToken;
    }

    public Optional<Oidc> oidc() {
        return oidc;
    }

    /** Where the certificates, kubeconfigs and logs are. */
    public Path directory() {
        return dir;
    }

    // ------------------------------------------------------------------------------------ binaries and skipping

    /** {@code $STACKGATE_K8S_CACHE/v1.20.2/bin}, default cache {@code /var/cache/stackgate/kubernetes}. */
    public static Path binDirectory() {
        String cache = System.getenv("STACKGATE_K8S_CACHE");
        return Path.of(cache == null || cache.isBlank() ? "/var/cache/stackgate/kubernetes" : cache)
                .resolve(VERSION).resolve("bin");
    }

    /** Whether a cluster can start here without building anything: the binaries, etcd and openssl are there. */
    public static boolean available() {
        return missing().isEmpty();
    }

    /** What is missing for a cluster, or empty. */
    public static Optional<String> missing() {
        for (String binary : BINARIES) {
            if (!Files.isExecutable(binDirectory().resolve(binary))) {
                return Optional.of(binDirectory().resolve(binary) + " (deploy/kubernetes/build-apiserver.sh builds it)");
            }
        }
        for (String command : List.of("etcd", "openssl")) {
            if (onPath(command).isEmpty()) {
                return Optional.of(command + " on the PATH (deploy/kubernetes/build-apiserver.sh installs it)");
            }
        }
        return Optional.empty();
    }

    public static boolean required() {
        return "1".equals(System.getenv(REQUIRE_ENV));
    }

    /** Starts the cluster with the test class, unless it is to be skipped; a required one that cannot start fails. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (required() || available()) {
            cluster();
        }
    }

    /** Skips each test (so reports count them as skipped, not as never there) when the cluster cannot run here. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!required()) {
            Optional<String> missing = missing();
            Assumptions.assumeTrue(missing.isEmpty(),
                    () -> "no real Kubernetes here: missing " + missing.orElse("") + "; set " + REQUIRE_ENV + "=1 to fail");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == RealKubernetes.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return cluster();
    }

    /** Builds the binaries with the repository's script when they are missing (needs root and ~10 minutes). */
    private static void buildIfMissing() {
        if (BINARIES.stream().allMatch(b -> Files.isExecutable(binDirectory().resolve(b)))) {
            return;
        }
        Path script = repositoryRoot().resolve("deploy/kubernetes/build-apiserver.sh");
        Path log = repositoryRoot().resolve("app/target/kube-it-build.log");
        System.out.printf("real Kubernetes: %s missing, running %s (log %s)%n", binDirectory(), script, log);
        try {
            Files.createDirectories(log.getParent());
            Process build = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!build.waitFor(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                build.destroyForcibly();
                throw new IllegalStateException("building Kubernetes took over " + BUILD_TIMEOUT + ": see " + log);
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException("no Kubernetes binaries in " + binDirectory() + " and " + script
                        + " failed (exit " + build.exitValue() + "): see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first folder up from the working directory that has {@code deploy/}. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isDirectory(p.resolve("app"))) {
                return p;
            }
        }
        throw new IllegalStateException("no deploy/ folder above " + Path.of("").toAbsolutePath());
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .map(d -> Path.of(d, command)).filter(Files::isExecutable).findFirst();
    }

    // ------------------------------------------------------------------------------------------------- starting

    private void start() {
        buildIfMissing();
        missing().ifPresent(m -> {
            throw new IllegalStateException("cannot start a real Kubernetes: missing " + m);
        });
        Instant begin = Instant.now();
        try {
            killLeftovers();
            deleteRecursively(dir);
            Files.createDirectories(dir);
            makeCertificates();
            adminToken = randomHex(32);
            // token,user,uid,"groups": the only static identity; everything else uses RBAC or OIDC
            write("tokens.csv", adminToken + "," + ADMIN_USER + "," + ADMIN_USER + ",\"system:masters\"\n");

            int etcdClient = freePort();
            int etcdPeer = freePort();
            int securePort = freePort();
            apiServerUrl = "https://127.0.0.1:" + securePort;
            kubeconfig = write("admin.kubeconfig", kubeconfig(ADMIN_USER, adminToken));

            startProcess("etcd", etcdCommand(etcdClient, etcdPeer));
            startProcess("kube-apiserver", apiServerCommand(securePort, etcdClient));
            awaitApiServer();
            startProcess("kube-controller-manager", controllerManagerCommand());
            awaitControllerManager();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        System.out.printf("real Kubernetes %s ready at %s after %d s (files in %s)%n", VERSION, apiServerUrl,
                Duration.between(begin, Instant.now()).toSeconds(), dir);
    }

    private List<String> etcdCommand(int clientPort, int peerPort) {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        return List.of(onPath("etcd").orElseThrow().toString(),
                "--name=kube-it",
                "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=" + client, "--advertise-client-urls=" + client,
                "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=kube-it=" + peer,
                "--initial-cluster-state=new",
                "--log-level=warn", "--logger=zap");
    }

    private List<String> apiServerCommand(int securePort, int etcdPort) {
        List<String> command = new ArrayList<>(List.of(binDirectory().resolve("kube-apiserver").toString(),
                "--advertise-address=127.0.0.1",
                "--bind-address=127.0.0.1",
                "--secure-port=" + securePort,
                // 1.20 still opens an unauthenticated port 8080 unless told not to
                "--insecure-port=0",
                "--etcd-servers=http://127.0.0.1:" + etcdPort,
                "--tls-cert-file=" + dir.resolve("apiserver.crt"),
                "--tls-private-key-file=" + dir.resolve("apiserver.key"),
                "--client-ca-file=" + dir.resolve("ca.crt"),
                "--token-auth-file=" + dir.resolve("tokens.csv"),
                "--enable-bootstrap-token-auth=true",
                "--authorization-mode=Node,RBAC",
                "--service-account-issuer=" + SERVICE_ACCOUNT_ISSUER,
                "--service-account-key-file=" + dir.resolve("sa.pub"),
                "--service-account-signing-key-file=" + dir.resolve("sa.key"),
                "--service-cluster-ip-range=" + SERVICE_CLUSTER_IP_RANGE,
                "--allow-privileged=true",
                // added to 1.20's defaults (which include NamespaceLifecycle, LimitRanger, ServiceAccount, ResourceQuota)
                "--enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,ResourceQuota,NodeRestriction,"
                        + "PodTolerationRestriction",
                // the "kubernetes" Service's endpoints would be 127.0.0.1, which validation refuses (loopback) every
                // 10 s; no pod runs here to use them
                "--endpoint-reconciler-type=none",
                "--profiling=false"));
        oidc.ifPresent(o -> {
            command.add("--oidc-issuer-url=" + o.issuerUrl());
            command.add("--oidc-client-id=" + o.clientId());
            if (o.caFile() != null) {
                command.add("--oidc-ca-file=" + o.caFile().toAbsolutePath());
            }
            command.add("--oidc-username-claim=preferred_username");
            command.add("--oidc-username-prefix=oidc:");
            command.add("--oidc-groups-claim=groups");
            command.add("--oidc-groups-prefix=oidc:");
        });
        return command;
    }

    private List<String> controllerManagerCommand() throws IOException {
        Path cmKubeconfig = write("controller-manager.kubeconfig", kubeconfig(ADMIN_USER, adminToken));
        return List.of(binDirectory().resolve("kube-controller-manager").toString(),
                "--kubeconfig=" + cmKubeconfig,
                // every default controller, plus the two that serve bootstrap tokens (node join)
                "--controllers=*,bootstrapsigner,tokencleaner",
                // each controller acts as its own service account, so RBAC is exercised as in a real cluster
                "--use-service-account-credentials=true",
                "--service-account-private-key-file=" + dir.resolve("sa.key"),
                "--root-ca-file=" + dir.resolve("ca.crt"),
                // lets the csrsigning controller sign approved CSRs (kubelet client certificates) with the test CA
                "--cluster-signing-cert-file=" + dir.resolve("ca.crt"),
                "--cluster-signing-key-file=" + dir.resolve("ca.key"),
                "--service-cluster-ip-range=" + SERVICE_CLUSTER_IP_RANGE,
                "--cluster-name=kube-it",
                "--leader-elect=false",
                // no serving at all: the fixed defaults 10252/10257 would clash with a second run
                "--port=0", "--secure-port=0",
                "--bind-address=127.0.0.1",
                // else it creates /usr/libexec/kubernetes/kubelet-plugins/volume/exec on the host
                "--flex-volume-plugin-dir=" + dir.resolve("flexvolume"),
                "--profiling=false");
    }

    private void startProcess(String name, List<String> command) throws IOException {
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        processes.add(process);
        names.add(name);
        Files.writeString(dir.resolve("pids"), process.pid() + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private void awaitApiServer() throws InterruptedException {
        HttpClient http = httpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            assertAlive();
            try {
                HttpResponse<String> answer = http.send(get("/readyz"), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().strip().equals("ok")) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body().lines().filter(l -> l.contains("failed")).toList();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("kube-apiserver not ready after " + START_TIMEOUT + " (" + last + "): see "
                + dir.resolve("kube-apiserver.log"));
    }

    /** The aggregated ClusterRole edit gets its rules from the controller manager's clusterrole-aggregation. */
    private void awaitControllerManager() throws InterruptedException {
        HttpClient http = httpClient();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertAlive();
            try {
                HttpResponse<String> answer = http.send(get("/apis/rbac.authorization.k8s.io/v1/clusterroles/edit"),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    JsonNode rules = JSON.readTree(answer.body()).path("rules");
                    if (rules.isArray() && !rules.isEmpty()) {
                        return;
                    }
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("ClusterRole edit still without rules after " + START_TIMEOUT
                + ": is kube-controller-manager running? see " + dir.resolve("kube-controller-manager.log"));
    }

    private void assertAlive() {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive()) {
                throw new IllegalStateException(names.get(i) + " exited with " + p.exitValue() + ": see "
                        + dir.resolve(names.get(i) + ".log"));
            }
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(apiServerUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken).GET().build();
    }

    /** An HTTP client that trusts only the test CA. */
    public HttpClient httpClient() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("kube-it-ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kubeconfig for a bearer token, e.g. a service account's or an OIDC ID token. */
    public String kubeconfig(String user, String token) {
        String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kube-it
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: kube-it
                  context:
                    cluster: kube-it
                    user: %s
                current-context: kube-it
                """.formatted(apiServerUrl, ca, user, token, user);
    }

    // ------------------------------------------------------------------------------------------- certificates

    /**
     * A CA, the API server's serving certificate for 127.0.0.1 and the in-cluster names, and the service-account
     * signing key pair. EC P-256 for TLS (fast to generate), RSA for service-account tokens (RS256, what every
     * client and the OIDC-discovery consumers expect).
     */
    private void makeCertificates() throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "3650", "-subj", "/CN=stackgate-kube-it-ca",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "apiserver.key", "-out", "apiserver.csr", "-subj", "/CN=kube-apiserver");
        write("apiserver.ext", """
                basicConstraints=CA:FALSE
                keyUsage=critical,digitalSignature,keyEncipherment
                extendedKeyUsage=serverAuth
                subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
                """);
        openssl("x509", "-req", "-in", "apiserver.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "3650", "-extfile", "apiserver.ext", "-out", "apiserver.crt");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "sa.key");
        openssl("pkey", "-in", "sa.key", "-pubout", "-out", "sa.pub");
        caPem = Files.readString(dir.resolve("ca.crt"));
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: see " + log);
        }
    }

    // -------------------------------------------------------------------------------------------------- stopping

    private void stop() {
        // controller manager first, etcd last: nothing logs errors about a store that vanished
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        names.clear();
    }

    /** A JVM killed hard leaves its processes behind: end those recorded in {@code pids}, if they are still ours. */
    private void killLeftovers() throws IOException {
        Path pids = dir.resolve("pids");
        if (!Files.exists(pids)) {
            return;
        }
        for (String line : Files.readAllLines(pids)) {
            if (line.isBlank()) {
                continue;
            }
            ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(handle -> {
                String command = handle.info().command().orElse("");
                if (command.endsWith("/etcd") || command.endsWith("/kube-apiserver")
                        || command.endsWith("/kube-controller-manager")) {
                    handle.destroyForcibly();
                    handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
                }
            });
        }
        Files.delete(pids);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
