package io.stackgate.kubernetes.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.stackgate.compute.Arch;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The node's cloud-init is YAML cloud-init reads as meant, and the join configuration inside it is too. */
class NodeUserDataTest {

    private static final String HASH = "sha256:" + "ab".repeat(32);

    @Test
    @SuppressWarnings("unchecked")
    void theUserDataSwapsOffInstallsForTheArchAndJoinsWithTokenAndPinnedCaHash() {
        String rendered = NodeUserData.render(join(Arch.aarch64, HASH));

        assertThat(rendered).startsWith("#cloud-config\n");
        Map<String, Object> config = new Yaml().load(rendered);
        assertThat(config).containsEntry("hostname", "sg-acme-0123456789ab-2");
        @SuppressWarnings("unchecked")
        List<String> runcmd = (List<String>) config.get("runcmd");
        assertThat(runcmd.get(0)).isEqualTo("swapoff -a");
        assertThat(runcmd).anyMatch(command -> command.contains("/etc/fstab") && command.contains("swap"))
                .anyMatch(command -> command.contains("SystemdCgroup = true"))
                .anyMatch(command -> command.startsWith("echo \"deb [arch=arm64 ")
                        && command.contains("https://pkgs.k8s.io/core:/stable:/v1.30/deb/"))
                .contains("kubeadm join --config /etc/kubernetes/stackgate-join.yaml");
        assertThat(runcmd.indexOf("swapoff -a")).isLessThan(runcmd.indexOf("kubeadm join --config /etc/kubernetes/stackgate-join.yaml"));
        assertThat((List<Object>) config.get("packages")).contains("containerd");

        Map<String, Object> join = joinConfiguration(config);
        assertThat(join).containsEntry("kind", "JoinConfiguration");
        Map<String, Object> token = child(child(join, "discovery"), "bootstrapToken");
        assertThat(token).containsEntry("apiServerEndpoint", "10.0.0.1:6443").containsEntry("token", "abcdef.0123456789abcdef")
                .containsEntry("caCertHashes", List.of(HASH)).doesNotContainKey("unsafeSkipCAVerification");
        Map<String, Object> registration = child(join, "nodeRegistration");
        assertThat(registration).containsEntry("name", "sg-acme-0123456789ab-2");
        assertThat((List<Object>) registration.get("taints"))
                .containsExactly(Map.of("key", "stackgate.io/tenant", "value", "acme", "effect", "NoSchedule"));
    }

    @Test
    void aTenantIdYamlWouldReadAsABooleanOrNumberStaysAString() {
        Map<String, Object> config = new Yaml().load(NodeUserData.render(new NodeUserData.Join("sg-no-0123456789ab-0",
                Arch.x86_64, "https://mirror.example/k8s/", "v1.29", "10.0.0.1:6443", "abcdef.0123456789abcdef", HASH,
                NodePools.taint("no"))));

        Map<String, Object> registration = child(joinConfiguration(config), "nodeRegistration");
        assertThat(registration.get("taints").toString()).isEqualTo("[{key=stackgate.io/tenant, value=no, effect=NoSchedule}]");
        assertThat(((List<?>) registration.get("taints")).get(0)).isInstanceOfSatisfying(Map.class, taint ->
                assertThat(taint.get("value")).isEqualTo("no"));
        assertThat(config.get("runcmd").toString()).contains("https://mirror.example/k8s/v1.29/deb/");
    }

    @Test
    void x86NodesGetAmd64PackagesAndOnlyTheDemoSkipsCaPinning() {
        Map<String, Object> config = new Yaml().load(NodeUserData.render(join(Arch.x86_64, null)));

        assertThat(config.get("runcmd").toString()).contains("deb [arch=amd64 ").doesNotContain("arm64");
        assertThat(child(child(joinConfiguration(config), "discovery"), "bootstrapToken"))
                .containsEntry("unsafeSkipCAVerification", true).doesNotContainKey("caCertHashes");
    }

    private static NodeUserData.Join join(Arch arch, String hash) {
        return new NodeUserData.Join("sg-acme-0123456789ab-2", arch, "https://pkgs.k8s.io/core:/stable:/", "v1.30",
                "10.0.0.1:6443", "abcdef.0123456789abcdef", hash, NodePools.taint("acme"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> joinConfiguration(Map<String, Object> config) {
        Map<String, Object> file = ((List<Map<String, Object>>) config.get("write_files")).stream()
                .filter(f -> f.get("path").equals("/etc/kubernetes/stackgate-join.yaml")).findFirst().orElseThrow();
        assertThat(file).containsEntry("permissions", "0600");
        return new Yaml().load((String) file.get("content"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }
}
