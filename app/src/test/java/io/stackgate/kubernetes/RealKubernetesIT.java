package io.stackgate.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackgate.support.RealKubernetes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real API server of {@link RealKubernetes} (kube-apiserver and kube-controller-manager 1.20.2 on etcd), driven
 * with the fabric8 client the app uses: namespaces, RBAC bound to the aggregated ClusterRole {@code edit},
 * ResourceQuota enforced at admission, server-side apply, namespace deletion finished by the controller manager.
 * Skips when {@code deploy/kubernetes/build-apiserver.sh} has not run here, unless
 * {@code STACKGATE_REQUIRE_REAL_KUBERNETES=1}.
 */
@Tag("real-kubernetes")
@ExtendWith(RealKubernetes.class)
class RealKubernetesIT {

    private static final Duration CONTROLLERS = Duration.ofSeconds(60);

    static RealKubernetes cluster;
    static KubernetesClient client;

    /** After the extension's skip check: one client for the class, from the admin kubeconfig. */
    @BeforeEach
    void connect(RealKubernetes realKubernetes) throws IOException {
        if (client == null) {
            cluster = realKubernetes;
            client = cluster.adminClient();
        }
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Test
    void isTheVersionTheScriptBuilt() {
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo(RealKubernetes.VERSION);
        assertThat(client.getMasterUrl().toString()).startsWith(cluster.apiServerUrl());
    }

    @Test
    void aRoleBindingToEditGrantsTheAggregatedRulesInItsNamespaceOnly() {
        String ns = createNamespace("rbac");
        String other = createNamespace("rbac-other");

        ClusterRole edit = client.rbac().clusterRoles().withName("edit").get();
        assertThat(edit.getRules()).as("aggregated by the controller manager").isNotEmpty();
        assertThat(edit.getRules()).anySatisfy(rule -> assertThat(rule.getResources()).contains("configmaps"));

        client.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
                .withNewMetadata().withName("alice-edit").endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("edit").endRoleRef()
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("alice").endSubject()
                .build()).create();

        assertThat(allowed("alice", ns, "create", "configmaps")).isTrue();
        assertThat(allowed("alice", ns, "delete", "pods")).isTrue();
        assertThat(allowed("alice", ns, "create", "rolebindings")).as("edit is not admin").isFalse();
        assertThat(allowed("alice", other, "create", "configmaps")).isFalse();
        assertThat(allowed("bob", ns, "get", "configmaps")).isFalse();

        deleteNamespace(ns);
        deleteNamespace(other);
    }

    @Test
    void aResourceQuotaOfOnePodRefusesTheSecond() {
        String ns = createNamespace("quota");
        client.resourceQuotas().inNamespace(ns).resource(new ResourceQuotaBuilder()
                .withNewMetadata().withName("pods").endMetadata()
                .withNewSpec().withHard(Map.of("pods", new Quantity("1"))).endSpec()
                .build()).create();
        // the quota controller must have seen the quota (status.hard) before admission can count against it,
        // and the pods' service account needs its token (the ServiceAccount admission plugin mounts it)
        await().atMost(CONTROLLERS).until(() -> {
            var quota = client.resourceQuotas().inNamespace(ns).withName("pods").get();
            return quota.getStatus() != null && quota.getStatus().getHard() != null
                    && quota.getStatus().getHard().containsKey("pods");
        });
        await().atMost(CONTROLLERS).until(() -> {
            ServiceAccount sa = client.serviceAccounts().inNamespace(ns).withName("default").get();
            return sa != null && !sa.getSecrets().isEmpty();
        });

        client.pods().inNamespace(ns).resource(pod("first")).create();
        assertThatThrownBy(() -> client.pods().inNamespace(ns).resource(pod("second")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("exceeded quota");
                });
        await().atMost(CONTROLLERS).untilAsserted(() -> assertThat(
                client.resourceQuotas().inNamespace(ns).withName("pods").get().getStatus().getUsed())
                .containsEntry("pods", new Quantity("1")));

        deleteNamespace(ns);
    }

    @Test
    void configMapsCrudAndServerSideApply() {
        String ns = createNamespace("cm");
        var configMaps = client.configMaps().inNamespace(ns);

        configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
                .withData(Map.of("a", "1")).build()).create();
        configMaps.withName("settings").edit(cm -> new ConfigMapBuilder(cm).addToData("b", "2").build());
        assertThat(configMaps.withName("settings").get().getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));

        // server-side apply (beta in 1.20, on by default): the API server merges and records the field manager
        ConfigMap applied = configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("applied").endMetadata()
                .withData(Map.of("owner", "stackgate")).build()).fieldManager("stackgate").serverSideApply();
        assertThat(applied.getData()).containsEntry("owner", "stackgate");
        applied = configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("applied").endMetadata()
                .withData(Map.of("owner", "stackgate", "tier", "gold")).build()).fieldManager("stackgate").serverSideApply();
        assertThat(applied.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("owner", "stackgate", "tier", "gold"));
        assertThat(applied.getMetadata().getManagedFields()).anySatisfy(f -> assertThat(f.getManager()).isEqualTo("stackgate"));

        configMaps.withName("settings").delete();
        await().atMost(CONTROLLERS).until(() -> configMaps.withName("settings").get() == null);

        deleteNamespace(ns);
    }

    private String createNamespace(String prefix) {
        String name = "it-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** Deleting a namespace only marks it Terminating: the controller manager empties it and removes the finalizer. */
    private void deleteNamespace(String name) {
        client.namespaces().withName(name).delete();
        await().atMost(CONTROLLERS).pollInterval(Duration.ofMillis(500))
                .until(() -> client.namespaces().withName(name).get() == null);
    }

    private boolean allowed(String user, String namespace, String verb, String resource) {
        SubjectAccessReview review = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
                .withNewSpec().withUser(user)
                .withNewResourceAttributes().withNamespace(namespace).withVerb(verb).withResource(resource).endResourceAttributes()
                .endSpec().build());
        return review.getStatus().getAllowed();
    }

    /** Never runs (no kubelet): the image is not pulled, the pod only has to pass admission. */
    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("pause").withImage("registry.invalid/pause:3.2").endContainer().endSpec()
                .build();
    }
}
