package io.stackgate.kubernetes;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackgate.compute.VmNaming;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.RealKubernetes;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Every kubectl line of the README that reads the demo cluster ({@code kubectl --kubeconfig
 * data/demo-cluster.kubeconfig …}), run as written by the real kubectl binary after a namespace and a node pool were
 * provisioned on the demo cluster: kubectl needs the API discovery documents to map {@code nodes} or
 * {@code rolebindings} to a path, and prints the plain lists the demo answers (no server-side Table).
 * <p>
 * kubectl is {@code $KUBECTL}, else {@code /usr/bin/kubectl}, else the one on the PATH; without one the test skips,
 * unless {@code STACKGATE_REQUIRE_REAL_KUBERNETES=1} (CI, whose {@code .ci/run} installs Debian's
 * {@code kubernetes-client}): then it fails. Same context as {@link DemoClusterApiTest}.
 */
@StackgateTest
@TestPropertySource(properties = {"stackgate.kubernetes.clusters[0].name=demo",
    "stackgate.kubernetes.clusters[0].kubeconfig=demo",
    "stackgate.kubernetes.clusters[0].demo-kubeconfig-file=" + DemoClusterApiTest.KUBECONFIG})
class DemoClusterKubectlTest {

    /** A README command against the demo cluster, up to the end of its code span or a shell comment. */
    private static final Pattern README_COMMAND =
            Pattern.compile("kubectl --kubeconfig data/demo-cluster\\.kubeconfig [^`#\\n]*");

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;

    Path kubectl;

    @BeforeEach
    void findKubectl() {
        Optional<Path> found = kubectlBinary();
        if (found.isEmpty() && RealKubernetes.required()) {
            throw new AssertionError(RealKubernetes.REQUIRE_ENV + "=1 but no kubectl binary was found (set KUBECTL, or "
                    + "install Debian's kubernetes-client, as .ci/run does)");
        }
        Assumptions.assumeTrue(found.isPresent(), "no kubectl binary (KUBECTL, /usr/bin/kubectl or on the PATH)");
        kubectl = found.get();
    }

    @Test
    void everyKubectlLineOfTheReadmeNamesWhatANamespaceAndANodePoolCreated() throws Exception {
        String suffix = Requests.uniqueName("kubectl");
        String namespaceRequest = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix))
                .path("id").asText();
        jobs.run(namespaceRequest);
        String nodeRequest = submit(api, "alice", "acme", "web", "k8s-nodes", Map.of("cluster", "demo", "count", 1,
                "arch", "aarch64", "vcpus", 2, "memoryMiB", 2048, "diskGiB", 20)).path("id").asText();
        Requests.approveAll(api, nodeRequest);
        jobs.runUntilEnded(nodeRequest);
        assertThat(api.as("alice").get("/api/requests/" + namespaceRequest).text("status")).isEqualTo("COMPLETED");
        assertThat(api.as("alice").get("/api/requests/" + nodeRequest).text("status")).isEqualTo("COMPLETED");
        String namespace = "acme-web-" + suffix;
        String node = VmNaming.domainName("acme", nodeRequest, 0);
        List<String> bindings;
        try (KubernetesClient client = DemoClusterApiTest.demoCluster()) {
            bindings = client.rbac().roleBindings().inNamespace(namespace).list().getItems().stream()
                    .map(binding -> binding.getMetadata().getName()).toList();
        }
        assertThat(bindings).hasSize(4);

        List<String> commands = readmeCommands();
        assertThat(commands).as("the README's kubectl lines")
                .contains("kubectl --kubeconfig data/demo-cluster.kubeconfig get nodes --show-labels",
                        "kubectl --kubeconfig data/demo-cluster.kubeconfig get rolebindings -n acme-web-<suffix>");
        for (String command : commands) {
            Result result = run(command.replace("<suffix>", suffix));
            assertThat(result.exitCode()).as("%s answered: %s", command, result.output()).isZero();
            assertThat(result.output()).as(command).doesNotContain("error", "No resources found");
            if (command.contains("get nodes")) {
                assertThat(result.output()).as(command).contains(node, "stackgate.io/tenant=acme",
                        "stackgate.io/request=" + nodeRequest, "kubernetes.io/arch=arm64");
            }
            if (command.contains("get rolebindings")) {
                assertThat(result.output()).as(command).contains(bindings);
            }
        }
        assertThat(run("kubectl --kubeconfig data/demo-cluster.kubeconfig get namespaces --show-labels").output())
                .contains(namespace, "stackgate.io/request=" + namespaceRequest);
        for (String kind : List.of("resourcequotas", "limitranges", "networkpolicies")) {
            Result result = run("kubectl --kubeconfig data/demo-cluster.kubeconfig get " + kind + " -n " + namespace);
            assertThat(result.output()).as(kind).startsWith("NAME").contains("stackgate-");
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a command line (split on blanks) where {@code data/demo-cluster.kubeconfig} is, with a fresh kubectl cache. */
    private Result run(String command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
        assertThat(argv.get(0)).isEqualTo("kubectl");
        argv.set(0, kubectl.toString());
        Path home = Files.createTempDirectory(Path.of("target"), "kubectl-home");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .directory(Path.of(DemoClusterApiTest.KUBECONFIG).getParent().getParent().toFile());
        builder.environment().remove("KUBECONFIG");
        builder.environment().put("HOME", home.toAbsolutePath().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within a minute");
        }
        return new Result(process.exitValue(), output);
    }

    private static List<String> readmeCommands() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("README.md")) || !Files.isDirectory(root.resolve("app"))) {
            root = root.getParent();
        }
        Set<String> commands = new LinkedHashSet<>();
        Matcher matcher = README_COMMAND.matcher(Files.readString(root.resolve("README.md")));
        while (matcher.find()) {
            commands.add(matcher.group().trim());
        }
        return List.copyOf(commands);
    }

    private static Optional<Path> kubectlBinary() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        if (Files.isExecutable(Path.of("/usr/bin/kubectl"))) {
            return Optional.of(Path.of("/usr/bin/kubectl"));
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
    }
}
