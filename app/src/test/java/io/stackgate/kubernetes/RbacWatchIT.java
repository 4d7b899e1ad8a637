package io.stackgate.kubernetes;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.RealKubernetes;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With sync on, against a real API server: a RoleBinding deleted or a quota edited behind the platform's back is
 * restored by the watch, at once (the periodic full pass is an hour away here, and nobody calls a sync); a mapping
 * changed in tenants-config rebinds the group on reload.
 */
@Tag("real-kubernetes")
@ExtendWith(RealKubernetes.class)
@StackgateTest
class RbacWatchIT {

    @DynamicPropertySource
    static void theRealClusterWithSyncOn(DynamicPropertyRegistry registry) {
        if (RealKubernetes.pointSpringAt(registry)) {
            registry.add("stackgate.kubernetes.sync.enabled", () -> "true");
            registry.add("stackgate.kubernetes.sync.interval", () -> "PT1H");
            registry.add("stackgate.kubernetes.sync.initial-delay", () -> "PT1H");
            registry.add("stackgate.tenants.config-dir", TENANTS_CONFIG::toString);
        }
    }

    /** A copy of the test tenants, so that a test may change a mapping and reload. */
    static final Path TENANTS_CONFIG = copyOfTestTenants();

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    KubernetesHealth health;

    @Test
    void theHealthEndpointTellsBothWatchesAreOpen() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var state = health.health();
            assertThat(state.getStatus().getCode()).isEqualTo("UP");
            assertThat(state.getDetails()).containsEntry("kube-it", Map.of("nodeWatch", true, "rbacWatch", true));
        });
    }

    @Test
    void aChangedMappingRebindsTheGroupInTheProjectsNamespacesOnReload() throws Exception {
        String suffix = Requests.uniqueName("remap");
        String id = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix)).path("id").asText();
        jobs.run(id);
        String name = "acme-web-" + suffix;
        try (KubernetesClient admin = RealKubernetes.cluster().adminClient()) {
            assertThat(roleOf(admin, name, "oidc:/tenants/acme/engineering")).containsExactly("edit");
            Path acme = TENANTS_CONFIG.resolve("acme.yaml");
            String yaml = Files.readString(acme);
            String before = "{group: /tenants/acme/engineering, role: member, clusterRole: edit}";
            assertThat(yaml).contains(before);
            Files.writeString(acme, yaml.replace(before, "{group: /tenants/acme/engineering, role: member, clusterRole: view}"));
            try {
                assertThat(api.as("admin").post("/api/admin/tenants-config/reload").status()).isEqualTo(200);

                assertThat(roleOf(admin, name, "oidc:/tenants/acme/engineering")).as("rebound, the old binding gone")
                        .containsExactly("view");
                assertThat(roleOf(admin, name, "oidc:/tenants/acme/engineering/managers")).containsExactly("admin");
            } finally {
                Files.writeString(acme, yaml);
                api.as("admin").post("/api/admin/tenants-config/reload");
            }
            admin.namespaces().withName(name).delete();
        }
    }

    private static List<String> roleOf(KubernetesClient admin, String namespace, String group) {
        return admin.rbac().roleBindings().inNamespace(namespace).list().getItems().stream()
                .filter(binding -> binding.getSubjects().stream().anyMatch(subject -> subject.getName().equals(group)))
                .map(binding -> binding.getRoleRef().getName()).toList();
    }

    private static Path copyOfTestTenants() {
        try {
            Path copy = Files.createTempDirectory("rbac-watch-tenants");
            try (var files = Files.list(Path.of("src/test/tenants-config"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            return copy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDeletedBindingAndAnEditedQuotaAreRestoredByTheWatch() throws Exception {
        String suffix = Requests.uniqueName("watch");
        String id = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix)).path("id").asText();
        jobs.run(id);
        String name = "acme-web-" + suffix;
        try (KubernetesClient admin = RealKubernetes.cluster().adminClient()) {
            var bindings = admin.rbac().roleBindings().inNamespace(name);
            String deleted = bindings.list().getItems().get(0).getMetadata().getName();
            String uid = bindings.withName(deleted).get().getMetadata().getUid();

            bindings.withName(deleted).delete();
            admin.resourceQuotas().inNamespace(name).withName("stackgate-quota").edit(quota -> new ResourceQuotaBuilder(quota)
                    .editSpec().addToHard("requests.cpu", new Quantity("99999")).endSpec().build());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var restored = bindings.withName(deleted).get();
                assertThat(restored).isNotNull();
                assertThat(restored.getMetadata().getUid()).as("made again, not the old one").isNotEqualTo(uid);
                assertThat(admin.resourceQuotas().inNamespace(name).withName("stackgate-quota").get().getSpec().getHard()
                        .get("requests.cpu").toString()).isNotEqualTo("99999");
            });
            admin.namespaces().withName(name).delete();
        }
    }

    @Test
    void anEditedPodSecurityLabelIsRestoredByTheWatchAndAProjectsNewLevelAppliedOnReload() throws Exception {
        String suffix = Requests.uniqueName("psa");
        String id = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix)).path("id").asText();
        jobs.run(id);
        String name = "acme-web-" + suffix;
        try (KubernetesClient admin = RealKubernetes.cluster().adminClient()) {
            admin.namespaces().withName(name).edit(namespace -> {
                namespace.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "privileged");
                return namespace;
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.namespaces().withName(name).get()
                    .getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "baseline"));

            Path acme = TENANTS_CONFIG.resolve("acme.yaml");
            String yaml = Files.readString(acme);
            String web = "  - id: web\n    name: Web shop\n";
            assertThat(yaml).contains(web);
            Files.writeString(acme, yaml.replace(web, web + "    podSecurity: restricted\n"));
            try {
                assertThat(api.as("admin").post("/api/admin/tenants-config/reload").status()).isEqualTo(200);

                assertThat(admin.namespaces().withName(name).get().getMetadata().getLabels())
                        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                        .containsEntry("pod-security.kubernetes.io/warn", "restricted")
                        .containsEntry("pod-security.kubernetes.io/audit", "restricted");
            } finally {
                Files.writeString(acme, yaml);
                api.as("admin").post("/api/admin/tenants-config/reload");
            }
            admin.namespaces().withName(name).delete();
        }
    }
}
