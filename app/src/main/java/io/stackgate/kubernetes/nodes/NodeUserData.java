package io.stackgate.kubernetes.nodes;

import io.stackgate.compute.Arch;
import io.stackgate.kubernetes.cluster.ClusterNodes;

/**
 * The cloud-init user-data of a worker node: hostname, swap off for good, kernel modules and sysctls for pod
 * networking, containerd (systemd cgroups) and kubelet/kubeadm/kubectl from {@code pkgs.k8s.io} for the node's arch,
 * then {@code kubeadm join} with the bootstrap token and the pinned CA hash. The node registers already tainted for
 * its tenant, so nothing else lands on it before Stackgate labels it.
 */
final class NodeUserData {

    /**
     * @param caCertHash {@code sha256:<hex>}; null only for the demo cluster, which has no CA to pin
     */
    record Join(String nodeName, Arch arch, String packageRepository, String kubernetesVersion, String apiServerEndpoint,
            String token, String caCertHash, ClusterNodes.Taint taint) {

        @Override
        public String toString() {
            return "Join[" + nodeName + ", " + arch + ", " + kubernetesVersion + ", " + apiServerEndpoint + "]";
        }
    }

    private NodeUserData() {
    }

    /** The Kubernetes/Debian name of the arch ({@code kubernetes.io/arch}, apt's {@code arch=}). */
    static String kubernetesArch(Arch arch) {
        return arch == Arch.aarch64 ? "arm64" : "amd64";
    }

    static String render(Join join) {
        String arch = kubernetesArch(join.arch());
        String discovery = join.caCertHash() == null
                ? "      unsafeSkipCAVerification: true   # demo cluster: it has no CA to pin\n"
                : "      caCertHashes:\n        - \"" + join.caCertHash() + "\"\n";
        String repo = join.packageRepository() + join.kubernetesVersion() + "/deb/";
        return """
                #cloud-config
                hostname: "%1$s"
                preserve_hostname: false
                manage_etc_hosts: true
                package_update: true
                packages:
                  - apt-transport-https
                  - ca-certificates
                  - curl
                  - gpg
                  - containerd
                write_files:
                  - path: /etc/modules-load.d/kubernetes.conf
                    content: |
                      overlay
                      br_netfilter
                  - path: /etc/sysctl.d/90-kubernetes.conf
                    content: |
                      net.bridge.bridge-nf-call-iptables = 1
                      net.bridge.bridge-nf-call-ip6tables = 1
                      net.ipv4.ip_forward = 1
                  - path: /etc/kubernetes/stackgate-join.yaml
                    permissions: "0600"
                    content: |
                      apiVersion: kubeadm.k8s.io/v1beta3
                      kind: JoinConfiguration
                      discovery:
                        bootstrapToken:
                          apiServerEndpoint: "%2$s"
                          token: "%3$s"
                %4$s      nodeRegistration:
                        name: "%1$s"
                        criSocket: unix:///run/containerd/containerd.sock
                        taints:
                          - key: "%5$s"
                            value: "%6$s"
                            effect: "%7$s"
                runcmd:
                  - swapoff -a
                  - sed -i -E '/^[^#].*[[:space:]]swap[[:space:]]/ s/^/#/' /etc/fstab
                  - modprobe overlay
                  - modprobe br_netfilter
                  - sysctl --system
                  - mkdir -p /etc/containerd /etc/apt/keyrings
                  - containerd config default > /etc/containerd/config.toml
                  - sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml
                  - systemctl restart containerd
                  - curl -fsSL %8$sRelease.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg
                  - echo "deb [arch=%9$s signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] %8$s /" > /etc/apt/sources.list.d/kubernetes.list
                  - apt-get update
                  - apt-get install -y kubelet kubeadm kubectl
                  - apt-mark hold kubelet kubeadm kubectl
                  - systemctl enable --now kubelet
                  - kubeadm join --config /etc/kubernetes/stackgate-join.yaml
                  - rm -f /etc/kubernetes/stackgate-join.yaml
                """.formatted(join.nodeName(), join.apiServerEndpoint(), join.token(), indent(discovery),
                join.taint().key(), join.taint().value(), join.taint().effect(), repo, arch);
    }

    /** The discovery lines sit four more spaces in, under {@code write_files[].content}. */
    private static String indent(String lines) {
        return lines.lines().map(line -> "    " + line).reduce("", (all, line) -> all + line + "\n");
    }
}
