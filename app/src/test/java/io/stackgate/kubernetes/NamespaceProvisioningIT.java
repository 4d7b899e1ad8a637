package io.stackgate.kubernetes;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.RealKubernetes;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An approved namespace request against a real kube-apiserver (with its controller manager): the namespace, its
 * quota, limits, network policy and the RoleBindings of the project's mapping, exactly as declared, and the quota
 * enforced by the API server.
 */
@Tag("real-kubernetes")
@ExtendWith(RealKubernetes.class)
@StackgateTest
class NamespaceProvisioningIT {

    @DynamicPropertySource
    static void theRealCluster(DynamicPropertyRegistry registry) {
        RealKubernetes.pointSpringAt(registry);
    }

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;
    @Autowired
    RbacSync sync;

    KubernetesClient admin;

    @BeforeEach
    void adminClient() throws Exception {
        admin = RealKubernetes.cluster().adminClient();
    }

    @AfterEach
    void close() {
        admin.close();
    }

    @Test
    void anApprovedNamespaceRequestCreatesTheNamespaceWithQuotaLimitsPolicyAndTheMappedRoleBindings() {
        String suffix = Requests.uniqueName("ns");
        String id = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix)).path("id").asText();
        jobs.run(id);

        assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("COMPLETED");
        String name = "acme-web-" + suffix;
        var namespace = admin.namespaces().withName(name).get();
        assertThat(namespace.getMetadata().getLabels()).containsEntry("stackgate.io/tenant", "acme")
                .containsEntry("stackgate.io/project", "web").containsEntry("stackgate.io/request", id);
        var quota = admin.resourceQuotas().inNamespace(name).withName("stackgate-quota").get();
        assertThat(quota.getSpec().getHard()).containsKeys("requests.cpu", "limits.memory", "requests.nvidia.com/gpu");
        assertThat(admin.limitRanges().inNamespace(name).withName("stackgate-limits").get()).isNotNull();
        var policy = admin.network().v1().networkPolicies().inNamespace(name).withName("stackgate-tenant-isolation").get();
        assertThat(policy.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels())
                .containsEntry("stackgate.io/tenant", "acme");
        assertThat(admin.rbac().roleBindings().inNamespace(name).list().getItems())
                .extracting(binding -> binding.getSubjects().get(0).getName() + "=" + binding.getRoleRef().getName())
                .containsExactlyInAnyOrder("oidc:/tenants/acme/engineering/managers=admin",
                        "oidc:/tenants/acme/admins=admin", "oidc:/tenants/acme/engineering=edit",
                        "oidc:/tenants/acme/auditors=view");
        for (RoleBinding binding : admin.rbac().roleBindings().inNamespace(name).list().getItems()) {
            assertThat(binding.getMetadata().getManagedFields()).extracting(field -> field.getManager()).contains("stackgate");
        }
        var resources = api.as("alice").get("/api/resources?kind=namespace&tenant=acme&size=200").body().path("items");
        assertThat(resources).anySatisfy(resource -> {
            assertThat(resource.path("name").asText()).isEqualTo(name);
            assertThat(resource.path("state").asText()).isEqualTo("ACTIVE");
            assertThat(resource.path("requestId").asText()).isEqualTo(id);
            assertThat(resource.path("roleBindings")).hasSize(4);
        });
        assertThat(api.as("dave").get("/api/resources?kind=namespace&size=200").body().path("items").toString()).doesNotContain(name);
        admin.namespaces().withName(name).delete();
    }

    @Test
    void bindingsAndQuotaChangedBehindThePlatformsBackAreRestoredAndOtherManagersFieldsLeftAlone() {
        String suffix = Requests.uniqueName("ns");
        String id = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix)).path("id").asText();
        jobs.run(id);
        String name = "acme-web-" + suffix;
        var bindings = admin.rbac().roleBindings().inNamespace(name);
        List<RoleBinding> declared = bindings.list().getItems();
        String deleted = declared.get(0).getMetadata().getName();
        String annotated = declared.get(1).getMetadata().getName();
        bindings.withName(deleted).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> bindings.withName(deleted).get() == null);
        bindings.resource(new RoleBindingBuilder().withNewMetadata().withName(annotated)
                        .withAnnotations(Map.of("example.com/reviewed", "yes")).endMetadata()
                        .withRoleRef(declared.get(1).getRoleRef()).withSubjects(declared.get(1).getSubjects()).build())
                .fieldManager("someone-else").serverSideApply();
        bindings.resource(new RoleBindingBuilder().withNewMetadata().withName("stackgate-edit-stale")
                        .withLabels(Map.of("app.kubernetes.io/managed-by", "stackgate")).endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "edit")
                        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group")
                        .withName("oidc:/tenants/acme/former-team").endSubject().build())
                .fieldManager("stackgate").serverSideApply();
        admin.resourceQuotas().inNamespace(name).withName("stackgate-quota")
                .edit(quota -> new io.fabric8.kubernetes.api.model.ResourceQuotaBuilder(quota).editSpec()
                        .addToHard("requests.cpu", new Quantity("99999")).endSpec().build());

        List<NamespaceEvents.NamespaceCorrected> corrections = sync.syncAll();

        assertThat(corrections).filteredOn(correction -> correction.namespace().equals(name))
                .extracting(NamespaceEvents.NamespaceCorrected::what).anyMatch(what -> what.startsWith("role bindings"))
                .anyMatch(what -> what.startsWith("quota"));
        assertThat(bindings.withName(deleted).get()).as("restored").isNotNull();
        assertThat(bindings.withName("stackgate-edit-stale").get()).as("no longer declared").isNull();
        assertThat(bindings.withName(annotated).get().getMetadata().getAnnotations())
                .as("another manager's field").containsEntry("example.com/reviewed", "yes");
        assertThat(admin.resourceQuotas().inNamespace(name).withName("stackgate-quota").get().getSpec().getHard()
                .get("requests.cpu").toString()).isNotEqualTo("99999");
        assertThat(sync.syncAll()).as("nothing left to correct").noneMatch(correction -> correction.namespace().equals(name));
        admin.namespaces().withName(name).delete();
    }

    @Test
    void aSecondRequestForTheSameNamespaceIsRefusedAndTheFirstLeftAlone() {
        String suffix = Requests.uniqueName("ns");
        String first = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix)).path("id").asText();
        jobs.run(first);

        Api.Response second = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "namespace",
                Map.of("suffix", suffix)));

        assertThat(second.status()).isEqualTo(400);
        assertThat(second.body().path("field").asText()).isEqualTo("spec.suffix");
        assertThat(second.body().path("detail").asText()).contains("already exists");
        assertThat(admin.namespaces().withName("acme-web-" + suffix).get()).isNotNull();
        admin.namespaces().withName("acme-web-" + suffix).delete();
    }

    @Test
    void tenantNamespacesCarryThePodSecurityLabelsOfTheirProjectOrTheDefaultAndTheSyncRestoresThem() {
        String web = "acme-web-" + Requests.uniqueName("psa");
        String data = "acme-data-" + Requests.uniqueName("psa");
        jobs.run(submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", web.substring("acme-web-".length())))
                .path("id").asText());
        jobs.run(submit(api, "alice", "acme", "data", "namespace", Map.of("suffix", data.substring("acme-data-".length())))
                .path("id").asText());

        assertThat(admin.namespaces().withName(web).get().getMetadata().getLabels()).as("the platform's default")
                .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
                .containsEntry("pod-security.kubernetes.io/enforce-version", "latest")
                .containsEntry("pod-security.kubernetes.io/warn", "baseline")
                .containsEntry("pod-security.kubernetes.io/audit", "baseline");
        assertThat(admin.namespaces().withName(data).get().getMetadata().getLabels())
                .as("project data says podSecurity: restricted")
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted");

        admin.namespaces().withName(web).edit(namespace -> {
            namespace.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "privileged");
            namespace.getMetadata().getLabels().remove("pod-security.kubernetes.io/audit");
            return namespace;
        });
        assertThat(sync.syncAll()).filteredOn(correction -> correction.namespace().equals(web))
                .extracting(NamespaceEvents.NamespaceCorrected::what).anyMatch(what -> what.startsWith("labels"));

        assertThat(admin.namespaces().withName(web).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
                .containsEntry("pod-security.kubernetes.io/audit", "baseline");
        admin.namespaces().withName(web).delete();
        admin.namespaces().withName(data).delete();
    }

    @Test
    void theResourceQuotaIsTheNamespacesShareAndAnApprovedQuotaChangeRaisesItOnTheApiServer() {
        String suffix = Requests.uniqueName("share");
        String id = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix,
                "quota", Map.of("vcpus", 1, "memoryMiB", 1024, "diskGiB", 10))).path("id").asText();
        jobs.run(id);
        String name = "acme-web-" + suffix;
        var quota = admin.resourceQuotas().inNamespace(name).withName("stackgate-quota");
        assertThat(quota.get().getSpec().getHard()).extractingByKeys("requests.cpu", "limits.memory", "requests.storage")
                .extracting(Object::toString).containsExactly("1", "1Gi", "10Gi");
        Pod twoCpus = new PodBuilder()
                .withNewMetadata().withName("two-cpus").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("registry.k8s.io/pause:3.9")
                .withNewResources()
                .addToRequests("cpu", new Quantity("2"))
                .addToLimits("cpu", new Quantity("2"))
                .addToRequests("memory", new Quantity("256Mi"))
                .addToLimits("memory", new Quantity("256Mi"))
                .endResources().endContainer().endSpec().build();
        await().atMost(Duration.ofSeconds(60)).until(() -> quota.get().getStatus() != null
                && quota.get().getStatus().getHard() != null && !quota.get().getStatus().getHard().isEmpty());
        assertThat(catchThrowableOfType(KubernetesClientException.class,
                () -> admin.pods().inNamespace(name).resource(twoCpus).create()).getCode())
                .as("two CPUs exceed the share of one").isEqualTo(403);

        String change = submit(api, "alice", "acme", "web", "quota-change", Map.of("vcpus", 2, "memoryMiB", 1024,
                "namespace", id)).path("id").asText();
        Requests.approveAll(api, change);
        jobs.run(change);

        assertThat(api.as("alice").get("/api/requests/" + change).text("status")).isEqualTo("COMPLETED");
        assertThat(quota.get().getSpec().getHard()).extractingByKeys("requests.cpu", "limits.cpu", "requests.memory")
                .extracting(Object::toString).containsExactly("3", "3", "2Gi");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(quota.get().getStatus().getHard()
                .get("requests.cpu").toString()).isEqualTo("3"));
        assertThat(admin.pods().inNamespace(name).resource(twoCpus).create().getMetadata().getName())
                .as("the API server admits it within the raised quota").isEqualTo("two-cpus");
        admin.namespaces().withName(name).delete();
    }
}
