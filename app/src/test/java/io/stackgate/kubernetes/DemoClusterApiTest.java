package io.stackgate.kubernetes;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.Requests;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded default's demo cluster (fabric8's API mock server, in-process): an approved namespace request
 * produces the namespace with the mapped RoleBindings, readable through the kubeconfig the platform writes.
 * Semantics (RBAC, quota enforcement) are proven on the real API server by the real-kubernetes ITs.
 */
@StackgateTest
@TestPropertySource(properties = {"stackgate.kubernetes.clusters[0].name=demo",
    "stackgate.kubernetes.clusters[0].kubeconfig=demo",
    "stackgate.kubernetes.clusters[0].demo-kubeconfig-file=" + DemoClusterApiTest.KUBECONFIG})
class DemoClusterApiTest {

    /** Where the demo cluster's kubeconfig is written: {@code data/demo-cluster.kubeconfig} below {@code target/demo}. */
    static final String KUBECONFIG = "target/demo/data/demo-cluster.kubeconfig";

    /** A client of the demo cluster through the kubeconfig the platform wrote; the caller closes it. */
    static KubernetesClient demoCluster() throws java.io.IOException {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(Path.of(KUBECONFIG)))).build();
    }

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;

    @Test
    void aNamespaceRequestOnTheDemoClusterShowsThroughTheWrittenKubeconfig() throws Exception {
        String suffix = Requests.uniqueName("demo");
        String id = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix)).path("id").asText();
        jobs.run(id);

        assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("COMPLETED");
        try (KubernetesClient kubectl = demoCluster()) {
            String name = "acme-web-" + suffix;
            assertThat(kubectl.namespaces().withName(name).get().getMetadata().getLabels())
                    .containsEntry("stackgate.io/tenant", "acme");
            assertThat(kubectl.rbac().roleBindings().inNamespace(name).list().getItems())
                    .extracting(binding -> binding.getSubjects().get(0).getName())
                    .containsExactlyInAnyOrder("oidc:/tenants/acme/engineering/managers", "oidc:/tenants/acme/admins",
                            "oidc:/tenants/acme/engineering", "oidc:/tenants/acme/auditors");
        }
        assertThat(api.as("alice").get("/api/resources?kind=namespace&size=200").body().path("items")).anySatisfy(resource ->
                assertThat(resource.path("roleBindings")).hasSize(4));
    }

    @Test
    void aDecommissionedNamespaceRequestDeletesTheNamespaceOnce() throws Exception {
        String suffix = Requests.uniqueName("gone");
        String id = submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix)).path("id").asText();
        jobs.run(id);

        String decommission = submit(api, "alice", "acme", "web", "decommission", Map.of("requestId", id)).path("id").asText();
        Requests.approveAll(api, decommission);
        jobs.run(decommission);

        assertThat(api.as("alice").get("/api/requests/" + decommission).text("status")).isEqualTo("COMPLETED");
        try (KubernetesClient kubectl = demoCluster()) {
            assertThat(kubectl.namespaces().withName("acme-web-" + suffix).get()).isNull();
        }
        assertThat(api.as("alice").get("/api/resources?kind=namespace&state=DELETED&size=200").body().path("items"))
                .anySatisfy(resource -> assertThat(resource.path("requestId").asText()).isEqualTo(id));
        Api.Response again = api.as("alice").post("/api/requests", Requests.submission("acme", "web", "decommission",
                Map.of("requestId", id)));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("detail").asText()).contains("already gone");
    }
}
