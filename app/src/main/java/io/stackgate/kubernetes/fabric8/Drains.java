package io.stackgate.kubernetes.fabric8;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackgate.kubernetes.cluster.ClusterNodes.Drain;

/** Cordon and evictions, as {@code kubectl drain} does them: DaemonSet and mirror pods stay, budgets are respected. */
final class Drains {

    private final KubernetesClient client;
    private volatile Boolean policyV1;

    Drains(KubernetesClient client) {
        this.client = client;
    }

    void cordon(String node) {
        if (client.nodes().withName(node).get() != null) {
            client.nodes().withName(node).edit(current -> {
                current.getSpec().setUnschedulable(true);
                return current;
            });
        }
    }

    /** @param ready whether the node is Ready: one that is not has no kubelet to confirm a pod's shutdown */
    Drain evictPods(String node, boolean ready) {
        boolean policyV1 = policyV1();
        List<String> remaining = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        for (Pod pod : client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems()) {
            if (staysOnDrain(pod)) {
                continue;
            }
            String name = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                if (ready) {
                    remaining.add(name); // evicted, shutting down
                }
                continue;
            }
            remaining.add(name);
            var resource = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName());
            try {
                boolean evicted = policyV1
                        ? resource.evict(new EvictionBuilder().withNewMetadata().withName(pod.getMetadata().getName())
                                .withNamespace(pod.getMetadata().getNamespace()).endMetadata().build())
                        : resource.evict(); // policy/v1beta1: API servers before 1.21
                if (!evicted) {
                    blocked.add(name + " (its PodDisruptionBudget allows no disruption now)");
                } else if (!ready) {
                    remaining.remove(name);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    remaining.remove(name); // gone meanwhile
                } else if (e.getCode() == 500) {
                    blocked.add(name + " (" + e.getStatus().getMessage() + ")"); // e.g. more than one budget
                } else {
                    throw e;
                }
            }
        }
        return new Drain(List.copyOf(remaining), List.copyOf(blocked));
    }

    /** Whether the API server serves policy/v1 (1.21 and later), asked once: it does not change under a client. */
    private boolean policyV1() {
        Boolean served = policyV1;
        if (served == null) {
            served = client.supports("policy/v1", "PodDisruptionBudget");
            policyV1 = served;
        }
        return served;
    }

    private static boolean staysOnDrain(Pod pod) {
        boolean mirror = pod.getMetadata().getAnnotations() != null
                && pod.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror");
        boolean daemon = pod.getMetadata().getOwnerReferences().stream().anyMatch(owner -> "DaemonSet".equals(owner.getKind()));
        return mirror || daemon;
    }
}
