package io.stackgate.kubernetes.fabric8;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackgate.kubernetes.cluster.ClusterNodes.BootstrapToken;
import io.stackgate.kubernetes.cluster.ClusterNodes;

/**
 * Bootstrap tokens as kubeadm reads them: Secrets {@code bootstrap-token-<id>} in kube-system, labelled with the request
 * and the node's index so that each node's token is found (and revoked) again.
 */
final class BootstrapTokens {

    private static final String TOKEN_NAMESPACE = "kube-system";
    private static final char[] TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final KubernetesClient client;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    BootstrapTokens(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    BootstrapToken ensure(String requestId, int index, Instant expires, Duration validFor) {
        Optional<BootstrapToken> existing = find(requestId, index)
                .filter(token -> token.expires().isAfter(clock.instant().plus(validFor)));
        if (existing.isPresent()) {
            return existing.get();
        }
        revoke(requestId, index);
        String id = randomString(6);
        String secret = randomString(16);
        client.secrets().inNamespace(TOKEN_NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("bootstrap-token-" + id).withLabels(tokenLabels(requestId, index)).endMetadata()
                .withType("bootstrap.kubernetes.io/token")
                .addToStringData("token-id", id)
                .addToStringData("token-secret", secret)
                .addToStringData("expiration", expires.toString())
                .addToStringData("description", "Stackgate: joins node " + index + " of request " + requestId)
                .addToStringData("usage-bootstrap-authentication", "true")
                .addToStringData("usage-bootstrap-signing", "true")
                .addToStringData("auth-extra-groups", "system:bootstrappers:kubeadm:default-node-token")
                .build()).create();
        return new BootstrapToken(id, secret, expires);
    }

    Optional<BootstrapToken> find(String requestId, int index) {
        return tokenSecrets(requestId, index).stream().findFirst().map(secret -> new BootstrapToken(
                decoded(secret, "token-id"), decoded(secret, "token-secret"), Instant.parse(decoded(secret, "expiration"))));
    }

    void revoke(String requestId, int index) {
        tokenSecrets(requestId, index).forEach(secret -> client.secrets().inNamespace(TOKEN_NAMESPACE)
                .withName(secret.getMetadata().getName()).delete());
    }

    private List<Secret> tokenSecrets(String requestId, int index) {
        return client.secrets().inNamespace(TOKEN_NAMESPACE).withLabels(tokenLabels(requestId, index)).list().getItems();
    }

    private static Map<String, String> tokenLabels(String requestId, int index) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ClusterNodes.REQUEST_LABEL, requestId);
        labels.put(ClusterNodes.NODE_INDEX_LABEL, Integer.toString(index));
        return labels;
    }

    private String randomString(int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(TOKEN_CHARS[random.nextInt(TOKEN_CHARS.length)]);
        }
        return value.toString();
    }

    private static String decoded(Secret secret, String key) {
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key); // the demo cluster stores what it was given
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
