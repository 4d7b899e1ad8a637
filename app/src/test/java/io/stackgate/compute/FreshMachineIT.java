package io.stackgate.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.ChildApp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command on a machine without libvirt's client library (Debian's libvirt0): the packaged app starts in a JVM
 * of its own where JNA cannot find {@code virt} (this machine has libvirt0; the JNA paths hide it). The embedded default
 * runs the README's walkthrough on the demo hypervisor; a host configured on libvirt is DOWN naming what to install,
 * said once in the log, and a VM for its architecture waits naming it — no stack trace anywhere.
 */
class FreshMachineIT {

    /** What a machine without libvirt0 looks like to JNA (verified: it then fails to load "virt"). */
    static final List<String> NO_LIBVIRT = List.of("-Djna.platform.library.path=/nonexistent", "-Djna.library.path=/nonexistent",
            "-Xmx768m");
    static final Duration START = Duration.ofMinutes(4);

    @TempDir
    Path folder;

    @Test
    void theEmbeddedDefaultRunsTheWalkthroughOnTheDemoHypervisorWithoutLibvirt() throws Exception {
        try (ChildApp app = new ChildApp(folder, NO_LIBVIRT, "# the embedded default, as packaged\n").awaitStarted(START)) {
            String alice = app.token("alice");
            JsonNode hosts = app.get("/api/hosts", app.token("olga")).body();
            assertThat(hosts.findValuesAsText("state")).containsOnly("up");
            assertThat(hosts.findValuesAsText("driver")).containsOnly("demo");

            String vm = submit(app, alice, """
                    {"tenant":"acme","project":"web","type":"vm","justification":"shop frontend",
                     "spec":{"name":"web-1","arch":"x86_64","vcpus":2,"memoryMiB":4096,"diskGiB":20,"image":"debian-12"}}""");
            approveAll(app, vm);
            awaitStatus(app, alice, vm, "COMPLETED");
            assertThat(resourcesOf(app, alice, "vm", vm)).singleElement().satisfies(resource -> {
                assertThat(resource.path("state").asText()).isEqualTo("RUNNING");
                assertThat(resource.path("host").asText()).isEqualTo("demo-x86-1");
            });

            String nodes = submit(app, alice, """
                    {"tenant":"acme","project":"web","type":"k8s-nodes","justification":"batch workers",
                     "spec":{"cluster":"demo","count":2,"arch":"aarch64","vcpus":2,"memoryMiB":4096,"diskGiB":40}}""");
            approveAll(app, nodes);
            awaitStatus(app, alice, nodes, "COMPLETED");
            assertThat(resourcesOf(app, alice, "k8s-node", nodes)).hasSize(2)
                    .allSatisfy(node -> assertThat(node.path("state").asText()).isEqualTo("READY"));
            assertThat(resourcesOf(app, alice, "vm", nodes)).hasSize(2).allSatisfy(node -> {
                assertThat(node.path("state").asText()).isEqualTo("RUNNING");
                assertThat(node.path("host").asText()).isEqualTo("demo-arm-1");
            });
            assertThat(stackTraces(app)).isEmpty();
            assertThat(app.logLines()).noneMatch(line -> line.contains("libvirt0"));
        }
    }

    @Test
    void aLibvirtHostWithoutLibvirtsLibraryIsDownNamingWhatToInstallAndVmsWaitForIt() throws Exception {
        String config = """
                stackgate:
                  compute:
                    hosts:
                      - {name: kvm-1, uri: "test:generated", arch: x86_64, domainType: qemu,
                         capacity: {vcpus: 16, memoryMiB: 65536, diskGiB: 1000}}
                  kubernetes:
                    clusters: []
                """;
        try (ChildApp app = new ChildApp(folder, NO_LIBVIRT, config).awaitStarted(START)) {
            List<String> told = app.logLines().stream().filter(line -> line.contains("apt-get install libvirt0")).toList();
            assertThat(told).as("one line says what is missing and how to install it").singleElement()
                    .satisfies(line -> assertThat(line).contains("WARN", "libvirt.so.0", "kvm-1"));

            String olga = app.token("olga");
            JsonNode host = app.get("/api/hosts", olga).body().get(0);
            assertThat(host.path("name").asText()).isEqualTo("kvm-1");
            assertThat(host.path("state").asText()).isEqualTo("down");
            assertThat(host.path("stateReason").asText()).contains("libvirt", "apt-get install libvirt0");

            JsonNode health = app.get("/actuator/health", olga).body();
            assertThat(health.path("status").asText()).as("the application is up").isEqualTo("UP");
            assertThat(health.at("/components/hosts/status").asText()).isEqualTo("DEGRADED");
            assertThat(health.at("/components/hosts/details/hosts/kvm-1/state").asText()).isEqualTo("DOWN");
            assertThat(health.at("/components/hosts/details/hosts/kvm-1/reason").asText()).contains("libvirt0");

            String alice = app.token("alice");
            String vm = submit(app, alice, """
                    {"tenant":"acme","project":"web","type":"vm","justification":"needs libvirt",
                     "spec":{"name":"waits","arch":"x86_64","vcpus":1,"memoryMiB":1024,"diskGiB":10,"image":"debian-12"}}""");
            approveAll(app, vm);
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> resourcesOf(app, alice, "vm", vm).stream()
                            .anyMatch(resource -> resource.path("state").asText().equals("WAITING")));
            assertThat(resourcesOf(app, alice, "vm", vm)).singleElement().satisfies(resource ->
                    assertThat(resource.path("stateReason").asText()).contains("kvm-1", "libvirt0"));
            assertThat(status(app, alice, vm)).isEqualTo("PROVISIONING");
            assertThat(stackTraces(app)).isEmpty();
        }
    }

    private static List<String> stackTraces(ChildApp app) {
        return app.logLines().stream().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")).toList();
    }

    private static String submit(ChildApp app, String token, String body) {
        ChildApp.Response response = app.post("/api/requests", token, body);
        assertThat(response.status()).as("submit: %s", response.body()).isEqualTo(201);
        return response.body().path("id").asText();
    }

    /** Approves each level by whichever demo approver holds its task, as the README's walkthrough does by hand. */
    private static void approveAll(ChildApp app, String requestId) throws IOException {
        for (int level = 0; level < 6; level++) {
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !status(app, app.token("alice"), requestId).equals("SUBMITTED"));
            if (!status(app, app.token("alice"), requestId).equals("PENDING_APPROVAL")) {
                return;
            }
            boolean approved = false;
            for (String approver : List.of("bob", "carol", "olga", "admin")) {
                String token = app.token(approver);
                Optional<String> task = taskOf(app.get("/api/tasks", token).body(), requestId);
                if (task.isPresent()) {
                    ChildApp.Response decided = app.post("/api/tasks/" + task.get() + "/approve", token, "{\"comment\":\"fine\"}");
                    assertThat(decided.status()).as("%s approves: %s", approver, decided.body()).isEqualTo(204);
                    approved = true;
                    break;
                }
            }
            assertThat(approved).as("someone holds the open task of %s", requestId).isTrue();
        }
    }

    private static Optional<String> taskOf(JsonNode inbox, String requestId) {
        for (JsonNode task : inbox.isArray() ? inbox : inbox.path("items")) {
            if (requestId.equals(task.path("request").path("id").asText())) {
                return Optional.of(task.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private static void awaitStatus(ChildApp app, String token, String requestId, String wanted) throws IOException {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> status(app, token, requestId), status -> status.equals(wanted) || status.equals("FAILED"));
        assertThat(status(app, token, requestId)).isEqualTo(wanted);
    }

    private static String status(ChildApp app, String token, String requestId) throws IOException {
        return app.get("/api/requests/" + requestId, token).body().path("status").asText();
    }

    private static List<JsonNode> resourcesOf(ChildApp app, String token, String kind, String requestId) throws IOException {
        JsonNode page = app.get("/api/resources?kind=" + kind + "&size=200", token).body();
        List<JsonNode> found = new java.util.ArrayList<>();
        page.path("items").forEach(resource -> {
            if (resource.path("requestId").asText().equals(requestId)) {
                found.add(resource);
            }
        });
        return found;
    }
}
