package io.stackgate.kubernetes;

import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import io.stackgate.support.RealKeycloak;
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
 * The cluster trusts Keycloak: the real kube-apiserver runs with {@code --oidc-issuer-url} at the HTTPS test Keycloak
 * ({@link RealKeycloak#https()}, CA generated for the run), {@code --oidc-client-id=kubernetes}, usernames from
 * {@code preferred_username} and groups from {@code groups}, both prefixed {@code oidc:}. Stackgate provisions the
 * namespaces (the app itself keeps the test tokens of {@code @StackgateTest}); then alice's real Keycloak access token,
 * used with the fabric8 client straight against the API server, may write in acme-web, not in globex, and no longer
 * once she has left her group in Keycloak (from her next token on: one issued before keeps working until it expires,
 * {@link RealKeycloak#HTTPS_TOKEN_LIFESPAN} in the test realm).
 */
@Tag("real-kubernetes")
@ExtendWith(RealKubernetes.class)
@StackgateTest
class KubernetesOidcIT {

    private static final String ENGINEERING = "/tenants/acme/engineering";
    /** The 1.20 OIDC authenticator fetches the discovery document asynchronously, ~10 s after /readyz. */
    private static final Duration AUTHENTICATOR_READY = Duration.ofSeconds(90);

    /**
     * This class's cluster: the API server trusts the HTTPS Keycloak. A running cluster without OIDC (the extension's
     * own, or another class's) is restarted with it, and the next class asking {@link RealKubernetes#cluster()} gets
     * a plain one again: every class reads the cluster when its context starts, so the order of classes does not matter.
     */
    static RealKubernetes cluster() {
        RealKeycloak.Instance keycloak = RealKeycloak.https();
        return RealKubernetes.cluster(new RealKubernetes.Oidc(keycloak.issuer(), RealKeycloak.KUBERNETES_CLIENT,
                keycloak.caFile().orElseThrow()));
    }

    @DynamicPropertySource
    static void theRealClusterTrustingKeycloak(DynamicPropertyRegistry registry) {
        RealKubernetes.pointSpringAt(registry, KubernetesOidcIT::cluster);
    }

    @Autowired
    Api api;
    @Autowired
    Jobs jobs;

    RealKubernetes cluster;
    RealKeycloak.Instance keycloak;
    KubernetesClient admin;
    final List<String> namespaces = new ArrayList<>();

    /** After the extension's skip check; waits until the API server's OIDC authenticator takes a real token. */
    @BeforeEach
    void connect() throws IOException {
        cluster = cluster();
        keycloak = RealKeycloak.https();
        admin = cluster.adminClient();
        awaitAuthenticator();
    }

    @AfterEach
    void cleanUp() {
        if (admin != null) {
            namespaces.forEach(name -> admin.namespaces().withName(name).delete());
            admin.close();
        }
    }

    @Test
    void theApiServerSeesTheKeycloakUserAndHerGroupsPrefixed() {
        String token = aliceToken();
        JsonNode claims = RealKeycloak.claims(token);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer()).startsWith("https://127.0.0.1:");
        assertThat(claims.path("aud").toString()).contains("\"" + RealKeycloak.KUBERNETES_CLIENT + "\"");
        assertThat(RealKeycloak.claims(token).path("groups").toString()).contains("\"" + ENGINEERING + "\"");

        TokenReview review = review(token);
        assertThat(review.getStatus().getAuthenticated()).as("%s", review.getStatus().getError()).isTrue();
        assertThat(review.getStatus().getUser().getUsername()).isEqualTo("oidc:alice");
        assertThat(review.getStatus().getUser().getGroups()).contains("oidc:" + ENGINEERING, "system:authenticated");
    }

    @Test
    void alicesRealTokenMayWriteInAcmeWebNotInGlobexAndNotFromHerNextTokenAfterLeavingTheGroup() {
        String acme = provision("alice", "acme", "web");
        String globex = provision("dave", "globex", "shop");

        String before = aliceToken();
        try (KubernetesClient alice = as(before)) {
            assertThat(alice.configMaps().inNamespace(acme).resource(configMap("first")).create()
                    .getMetadata().getNamespace()).isEqualTo(acme);
            assertThat(status(() -> alice.configMaps().inNamespace(globex).resource(configMap("first")).create()))
                    .as("globex's namespaces bind only globex's groups").isEqualTo(403);
        }
        assertThat(admin.configMaps().inNamespace(acme).withName("first").get()).isNotNull();
        assertThat(admin.configMaps().inNamespace(globex).withName("first").get()).isNull();

        keycloak.removeFromGroup("alice", ENGINEERING);
        try {
            String after = aliceToken();
            assertThat(RealKeycloak.claims(after).path("groups").toString()).doesNotContain(ENGINEERING);
            try (KubernetesClient alice = as(after)) {
                assertThat(status(() -> alice.configMaps().inNamespace(acme).resource(configMap("second")).create()))
                        .as("her next token has no engineering group").isEqualTo(403);
            }
            // the API server checks a token on its own: one issued before the removal still carries the group
            try (KubernetesClient alice = as(before)) {
                assertThat(alice.configMaps().inNamespace(acme).resource(configMap("until-it-expires")).create())
                        .as("a token issued before the removal works until it expires (%s)",
                                RealKeycloak.HTTPS_TOKEN_LIFESPAN)
                        .isNotNull();
            }
        } finally {
            keycloak.addToGroup("alice", ENGINEERING);
        }
        try (KubernetesClient alice = as(aliceToken())) {
            assertThat(alice.configMaps().inNamespace(acme).resource(configMap("back")).create()).isNotNull();
        }
    }

    @Test
    void aTamperedOrExpiredTokenIsUnauthenticated() {
        String token = aliceToken();
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) RealKeycloak.claims(token);
        claims.put("preferred_username", "carol");
        claims.putArray("groups").add("/tenants/acme/admins");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toString().getBytes()) + "." + parts[2];
        try (KubernetesClient forger = as(forged)) {
            assertThat(status(() -> forger.configMaps().inNamespace("default").list())).isEqualTo(401);
        }
        assertThat(review(forged).getStatus().getError()).contains("failed to verify signature");

        // never shown to the API server before it expired (a successful check is cached for a few seconds)
        String shortLived = keycloak.token(RealKeycloak.KUBERNETES_SHORT_LIVED_CLIENT, "alice");
        Instant expiry = Instant.ofEpochSecond(RealKeycloak.claims(shortLived).path("exp").asLong());
        assertThat(Duration.between(Instant.now(), expiry)).isLessThanOrEqualTo(RealKeycloak.SHORT_TOKEN_LIFESPAN);
        await().atMost(RealKeycloak.SHORT_TOKEN_LIFESPAN.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));
        try (KubernetesClient late = as(shortLived)) {
            assertThat(status(() -> late.configMaps().inNamespace("default").list())).isEqualTo(401);
        }
        assertThat(review(shortLived).getStatus().getError()).contains("token is expired");
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** A namespace request of the user's tenant and project (pre-approved), run to the end; its namespace name. */
    private String provision(String user, String tenant, String project) {
        String suffix = Requests.uniqueName("oidc");
        String id = submit(api, user, tenant, project, "namespace", Map.of("suffix", suffix)).path("id").asText();
        jobs.run(id);
        assertThat(api.as(user).get("/api/requests/" + id).text("status")).isEqualTo("COMPLETED");
        String name = tenant + "-" + project + "-" + suffix;
        namespaces.add(name);
        assertThat(admin.namespaces().withName(name).get()).isNotNull();
        return name;
    }

    private String aliceToken() {
        return keycloak.token(RealKeycloak.KUBERNETES_CLIENT, "alice");
    }

    /** The fabric8 client as the bearer of {@code token}: the cluster's CA, the API server's URL, nothing else. */
    private KubernetesClient as(String token) {
        Config config = Config.fromKubeconfig(cluster.kubeconfig("alice", token));
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private TokenReview review(String token) {
        return admin.resource(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build()).create();
    }

    /**
     * Right after {@code /readyz} the 1.20 OIDC authenticator still answers {@code oidc: authenticator not
     * initialized} (401): wait until alice's real token passes.
     */
    private void awaitAuthenticator() {
        String token = aliceToken();
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.apiServerUrl() + "/api"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        await().atMost(AUTHENTICATOR_READY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> answer = cluster.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(() -> "alice's token at " + cluster.apiServerUrl() + "/api: "
                    + answer.body() + "; TokenReview: " + review(token).getStatus().getError()).isEqualTo(200);
        });
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                .withData(Map.of("written-by", "alice")).build();
    }

    private static int status(Runnable call) {
        KubernetesClientException[] thrown = new KubernetesClientException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KubernetesClientException.class, e -> thrown[0] = e);
        return thrown[0].getCode();
    }
}
