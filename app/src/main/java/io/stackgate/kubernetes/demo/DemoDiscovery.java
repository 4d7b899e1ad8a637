package io.stackgate.kubernetes.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The demo cluster's API discovery in front of fabric8's CRUD mock (which serves objects only): {@code /api},
 * {@code /api/v1}, {@code /apis} and {@code /apis/<group>/<version>} for every kind Stackgate creates or reads, so that
 * kubectl (and fabric8's {@code supports}) can map a resource name to its path. Only the unaggregated discovery
 * documents are served: clients asking for aggregated discovery ({@code as=APIGroupDiscoveryList}) also accept plain
 * {@code application/json} and fall back. List answers stay plain lists, which kubectl prints with its default
 * columns (NAME, AGE; LABELS with {@code --show-labels}) when it gets no server-side Table.
 */
final class DemoDiscovery extends Dispatcher {

    /** One resource of a group version, as discovery describes it. */
    private record Resource(String name, String singular, boolean namespaced, String kind, List<String> verbs,
            List<String> shortNames) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", name);
            json.put("singularName", singular);
            json.put("namespaced", namespaced);
            json.put("kind", kind);
            json.put("verbs", verbs);
            if (!shortNames.isEmpty()) {
                json.put("shortNames", shortNames);
            }
            return json;
        }
    }

    private static final List<String> ALL = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    /** Group version ("v1" is the core group) → its resources. */
    private static final Map<String, List<Resource>> RESOURCES = new LinkedHashMap<>();

    static {
        RESOURCES.put("v1", List.of(
                new Resource("configmaps", "configmap", true, "ConfigMap", ALL, List.of("cm")),
                new Resource("limitranges", "limitrange", true, "LimitRange", ALL, List.of("limits")),
                new Resource("namespaces", "namespace", false, "Namespace", ALL, List.of("ns")),
                new Resource("nodes", "node", false, "Node", ALL, List.of("no")),
                new Resource("pods", "pod", true, "Pod", ALL, List.of("po")),
                new Resource("pods/eviction", "", true, "Eviction", List.of("create"), List.of()),
                new Resource("resourcequotas", "resourcequota", true, "ResourceQuota", ALL, List.of("quota")),
                new Resource("secrets", "secret", true, "Secret", ALL, List.of()),
                new Resource("serviceaccounts", "serviceaccount", true, "ServiceAccount", ALL, List.of("sa"))));
        RESOURCES.put("apps/v1", List.of(
                new Resource("daemonsets", "daemonset", true, "DaemonSet", ALL, List.of("ds"))));
        RESOURCES.put("networking.k8s.io/v1", List.of(
                new Resource("networkpolicies", "networkpolicy", true, "NetworkPolicy", ALL, List.of("netpol"))));
        RESOURCES.put("policy/v1", List.of(
                new Resource("poddisruptionbudgets", "poddisruptionbudget", true, "PodDisruptionBudget", ALL,
                        List.of("pdb"))));
        RESOURCES.put("rbac.authorization.k8s.io/v1", List.of(
                new Resource("clusterroles", "clusterrole", false, "ClusterRole", ALL, List.of()),
                new Resource("rolebindings", "rolebinding", true, "RoleBinding", ALL, List.of())));
    }

    private final Dispatcher objects;
    private final ObjectMapper json = new ObjectMapper();

    DemoDiscovery(Dispatcher objects) {
        this.objects = objects;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if ("GET".equals(request.getMethod())) {
            String path = request.getPath();
            int query = path.indexOf('?');
            Optional<Object> document = document(query < 0 ? path : path.substring(0, query));
            if (document.isPresent()) {
                try {
                    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                            .setBody(json.writeValueAsString(document.get()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return objects.dispatch(request);
    }

    /** The discovery document at this path, if it is a discovery path. */
    static Optional<Object> document(String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals("/api")) {
            return Optional.of(Map.of("kind", "APIVersions", "versions", List.of("v1"),
                    "serverAddressByClientCIDRs", List.of()));
        }
        if (trimmed.equals("/apis")) {
            List<Object> groups = new ArrayList<>();
            RESOURCES.keySet().stream().filter(groupVersion -> groupVersion.contains("/")).forEach(groupVersion -> {
                String group = groupVersion.substring(0, groupVersion.indexOf('/'));
                String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
                Map<String, String> preferred = Map.of("groupVersion", groupVersion, "version", version);
                groups.add(Map.of("name", group, "versions", List.of(preferred), "preferredVersion", preferred));
            });
            return Optional.of(Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups));
        }
        String groupVersion = trimmed.equals("/api/v1") ? "v1"
                : trimmed.startsWith("/apis/") ? trimmed.substring("/apis/".length()) : null;
        if (groupVersion == null || !RESOURCES.containsKey(groupVersion)) {
            return Optional.empty();
        }
        return Optional.of(Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion,
                "resources", RESOURCES.get(groupVersion).stream().map(Resource::json).toList()));
    }

    @Override
    public void shutdown() {
        objects.shutdown();
    }
}
