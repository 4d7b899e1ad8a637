package io.stackgate.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;

/** Bodies and look-ups the API tests share: every test builds its own requests and finds its own tasks. */
public final class Requests {

    private Requests() {
    }

    /** A fresh DNS-label name, so no two requests of the suite share one. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> vm(int vcpus, long memoryMiB, long diskGiB, int gpus) {
        return Api.map("name", uniqueName("vm"), "arch", "x86_64", "vcpus", vcpus, "memoryMiB", memoryMiB,
                "diskGiB", diskGiB, "image", "debian-12", "gpus", gpus);
    }

    /** 2 vCPU, 4 GiB, 20 GiB, no GPU: the dept-manager alone approves it. */
    public static Map<String, Object> smallVm() {
        return vm(2, 4096, 20, 0);
    }

    /** A small VM with one GPU: dept-manager, then platform-ops. */
    public static Map<String, Object> gpuVm() {
        return vm(2, 4096, 20, 1);
    }

    /** {@code count} small worker nodes (2 vCPU, 2 GiB, 20 GiB) of the arch for the cluster. */
    public static Map<String, Object> nodes(String cluster, int count, String arch) {
        return Api.map("cluster", cluster, "count", count, "arch", arch, "vcpus", 2, "memoryMiB", 2048, "diskGiB", 20);
    }

    public static Map<String, Object> submission(String tenant, String project, String type, Object spec) {
        return Api.map("tenant", tenant, "project", project, "type", type, "spec", spec,
                "justification", "needed for the API tests");
    }

    /** Submits and insists on 201; returns the request details. */
    public static JsonNode submit(Api api, String user, String tenant, String project, String type, Object spec) {
        Response response = api.as(user).post("/api/requests", submission(tenant, project, type, spec));
        if (response.status() != 201) {
            throw new AssertionError("submit as " + user + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    /** Who approves in the tests' acme tenant: department managers, the tenant admin, platform ops and admins. */
    public static final List<String> APPROVERS = List.of("bob", "carol", "olga", "admin");

    /**
     * Approves every level of the request, each by whichever of {@link #APPROVERS} holds its task, until it is no
     * longer pending; insists that each level has a holder.
     */
    public static void approveAll(Api api, String requestId) {
        for (int level = 0; level < 6 && "PENDING_APPROVAL".equals(api.as("alice").get("/api/requests/" + requestId).text("status")); level++) {
            boolean approved = false;
            for (String approver : APPROVERS) {
                Optional<JsonNode> task = taskOf(api.as(approver), requestId);
                if (task.isPresent()) {
                    Response response = api.as(approver).post("/api/tasks/" + task.get().path("id").asText() + "/approve");
                    if (response.status() != 204) {
                        throw new AssertionError(approver + " approving " + requestId + " answered " + response.status()
                                + ": " + response.body());
                    }
                    approved = true;
                    break;
                }
            }
            if (!approved) {
                throw new AssertionError("nobody holds the open task of request " + requestId);
            }
        }
    }

    /**
     * alice submits the request to acme's {@code web} project, every level approves it (see {@link #approveAll}), and
     * its jobs run; returns the request's id.
     */
    public static String approvedAndRun(Api api, Jobs jobs, String type, Map<String, Object> spec) {
        String id = submit(api, "alice", "acme", "web", type, spec).path("id").asText();
        approveAll(api, id);
        jobs.run(id);
        return id;
    }

    /** The open approval task of this request in the caller's inbox, if any. */
    public static Optional<JsonNode> taskOf(Api.As caller, String requestId) {
        Response inbox = caller.get("/api/tasks?requestId=" + requestId);
        if (inbox.status() != 200) {
            throw new AssertionError("the inbox answered " + inbox.status() + ": " + inbox.body());
        }
        return taskOf(inbox, requestId);
    }

    /** The open approval task of this request on the inbox page the response holds, if any. */
    public static Optional<JsonNode> taskOf(Response inbox, String requestId) {
        for (JsonNode task : inbox.body().path("items")) {
            if (requestId.equals(task.path("request").path("id").asText())) {
                return Optional.of(task);
            }
        }
        return Optional.empty();
    }

    public static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(field == null ? node.asText() : node.path(field).asText()));
        return values;
    }
}
