package io.stackgate.identity;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.support.Api.Response;
import io.stackgate.support.Api;
import io.stackgate.support.Jobs;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Every endpoint × every kind of caller, own tenant (acme) and other tenant (globex), against a table of expected
 * statuses written here by hand — not computed by the code under test. Subclasses say where tokens come from.
 */
abstract class AuthorizationMatrix {

    /** Columns: the callers. alice requester (acme/web member), bob acme engineering manager, carol acme tenant
     * admin, maya acme auditor (web viewer), olga platform-ops, admin platform-admin, dave globex requester,
     * erin globex approver, anon no token. */
    static final List<String> CALLERS = List.of("alice", "bob", "carol", "maya", "olga", "admin", "dave", "erin", "anon");

    /**
     * One endpoint and what it answers each caller, in the order of {@link #CALLERS}.
     *
     * @param testTokensOnly the endpoint exists only where test tokens are on (not with real Keycloak tokens)
     */
    record Row(String name, Function<Supplier<Fixture>, Call> call, int[] expected, boolean testTokensOnly) {

        Row(String name, Function<Supplier<Fixture>, Call> call, int... expected) {
            this(name, call, expected, false);
        }

        Row onlyWithTestTokens() {
            return new Row(name, call, expected, true);
        }
    }

    /** @param accept the one media type a GET accepts; null: JSON */
    record Call(String method, String path, Object body, MediaType accept) {

        Call(String method, String path, Object body) {
            this(method, path, body, null);
        }
    }

    /**
     * Objects of tenant acme the calls act on: alice's pending small VM request and its dept-manager task, and a
     * running VM of hers in project web (one for the whole matrix).
     */
    record Fixture(String requestId, String taskId, String engine, String vm) {
    }

    static final Object DECISION = Map.of("comment", "matrix");

    static final List<Row> ROWS = List.of(
            new Row("GET /api/me", f -> get("/api/me"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /api/tenants", f -> get("/api/tenants"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /api/tenants/acme/projects", f -> get("/api/tenants/acme/projects"),
                    200, 200, 200, 200, 200, 200, 404, 404, 401),
            new Row("GET /api/catalogue (images, GPUs, sizes, clusters: any signed-in user)", f -> get("/api/catalogue"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("POST /api/requests into acme/web", f -> post("/api/requests",
                    submission("acme", "web", "vm", smallVm())),
                    201, 201, 201, 403, 403, 403, 404, 404, 401),
            new Row("POST /api/requests/preview into acme/web", f -> post("/api/requests/preview",
                    submission("acme", "web", "vm", smallVm())),
                    200, 200, 200, 403, 403, 403, 404, 404, 401),
            new Row("GET /api/requests", f -> get("/api/requests"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /api/requests/{acme request}", f -> get("/api/requests/" + f.get().requestId()),
                    200, 200, 200, 200, 200, 200, 404, 404, 401),
            new Row("GET /api/requests/{acme request}/diagram", f -> get("/api/requests/" + f.get().requestId() + "/diagram"),
                    200, 200, 200, 200, 200, 200, 404, 404, 401),
            new Row("POST /api/requests/{acme request}/cancel", f -> post("/api/requests/" + f.get().requestId() + "/cancel", null),
                    200, 403, 200, 403, 403, 200, 404, 404, 401),
            new Row("GET /api/tasks", f -> get("/api/tasks"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /api/tasks?claimed=false&overdue=false", f -> get("/api/tasks?claimed=false&overdue=false"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /api/tasks/version", f -> get("/api/tasks/version"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /api/tasks?scope=administered", f -> get("/api/tasks?scope=administered"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            // candidates see a task; tenant admins and platform operators see their tenants' tasks (to free frozen
            // ones) but decide only as candidates
            new Row("GET /api/tasks/{acme task}", f -> get("/api/tasks/" + f.get().taskId()),
                    404, 200, 200, 404, 200, 200, 404, 404, 401),
            new Row("GET /api/tasks/{acme task}/context", f -> get("/api/tasks/" + f.get().taskId() + "/context"),
                    404, 200, 200, 404, 200, 200, 404, 404, 401),
            new Row("POST /api/tasks/{acme task}/claim", f -> post("/api/tasks/" + f.get().taskId() + "/claim", null),
                    404, 200, 403, 404, 403, 403, 404, 404, 401),
            new Row("POST /api/tasks/{acme task}/approve", f -> post("/api/tasks/" + f.get().taskId() + "/approve", DECISION),
                    404, 204, 403, 404, 403, 403, 404, 404, 401),
            new Row("POST /api/tasks/{acme task}/reject", f -> post("/api/tasks/" + f.get().taskId() + "/reject", DECISION),
                    404, 204, 403, 404, 403, 403, 404, 404, 401),
            new Row("POST /api/tasks/{acme task}/delegate", f -> post("/api/tasks/" + f.get().taskId() + "/delegate",
                    Map.of("user", "bea")),
                    404, 200, 403, 404, 403, 403, 404, 404, 401),
            new Row("POST /api/tasks/{acme task}/release (nobody holds it)",
                    f -> post("/api/tasks/" + f.get().taskId() + "/release", null),
                    404, 409, 409, 404, 409, 409, 404, 404, 401),
            new Row("POST /api/tasks/{acme task}/reassign", f -> post("/api/tasks/" + f.get().taskId() + "/reassign",
                    Map.of("user", "bea")),
                    404, 403, 200, 404, 200, 200, 404, 404, 401),
            // everyone may ask; each task is then checked as a single approval (refusals are per item, in the body)
            new Row("POST /api/tasks/bulk-approve", f -> post("/api/tasks/bulk-approve",
                    Map.of("taskIds", List.of(f.get().taskId()), "comment", "matrix")),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /api/incidents", f -> get("/api/incidents"),
                    403, 403, 200, 403, 200, 200, 403, 403, 401),
            new Row("POST /api/incidents/{unknown}/retry", f -> post("/api/incidents/unknown/retry", null),
                    403, 403, 403, 403, 404, 404, 403, 403, 401),
            new Row("POST /api/incidents/{unknown}/resolve", f -> post("/api/incidents/unknown/resolve",
                    Map.of("comment", "matrix")),
                    403, 403, 403, 403, 404, 404, 403, 403, 401),
            new Row("GET /api/hosts", f -> get("/api/hosts"),
                    403, 403, 403, 403, 200, 200, 403, 403, 401),
            // approvers weigh a request against the fleet's room: hosts only, no tenant's data
            new Row("GET /api/hosts/fit", f -> get("/api/hosts/fit?arch=x86_64&vcpus=2&memoryMiB=4096"),
                    403, 200, 200, 403, 200, 200, 403, 200, 401),
            new Row("GET /api/resources", f -> get("/api/resources"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /api/resources?tenant=acme", f -> get("/api/resources?tenant=acme"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /api/resources/{acme vm}", f -> get("/api/resources/" + f.get().vm()),
                    200, 200, 200, 200, 200, 200, 404, 404, 401),
            new Row("POST /api/resources/{acme vm}/actions/reboot (owner, project owner, tenant admin)",
                    f -> post("/api/resources/" + f.get().vm() + "/actions/reboot", null),
                    200, 200, 200, 403, 403, 200, 404, 404, 401),
            new Row("GET /api/reconciliation/findings", f -> get("/api/reconciliation/findings"),
                    403, 403, 403, 403, 200, 200, 403, 403, 401),
            new Row("POST /api/reconciliation/run", f -> post("/api/reconciliation/run", null),
                    403, 403, 403, 403, 200, 200, 403, 403, 401),
            new Row("POST /api/reconciliation/findings/{unknown}/resolve", f -> post(
                    "/api/reconciliation/findings/999999999/resolve", Map.of("action", "destroy")),
                    403, 403, 403, 403, 404, 404, 403, 403, 401),
            // reports: auditors and tenant admins of their tenants, platform admins and operators of all; nobody else
            new Row("GET /api/reports/{name}", f -> get("/api/reports/approvals"),
                    403, 403, 200, 200, 200, 200, 403, 403, 401),
            new Row("GET /api/reports/{name}?tenant=globex (not acme's auditor's nor its admin's)",
                    f -> get("/api/reports/requests?tenant=globex"),
                    403, 403, 404, 404, 200, 200, 403, 403, 401),
            new Row("GET /api/reports/{name}?format=csv", f -> new Call("GET", "/api/reports/requests?format=csv", null,
                    MediaType.ALL),
                    403, 403, 200, 200, 200, 200, 403, 403, 401),
            new Row("GET /api/notifications (the caller's own)", f -> get("/api/notifications"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /api/notifications/preferences (the caller's own)", f -> get("/api/notifications/preferences"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("PUT /api/notifications/preferences (the caller's own)", f -> put("/api/notifications/preferences",
                    Map.of("locale", "en")),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("POST /api/notifications/{nobody's}/read", f -> post("/api/notifications/0/read", null),
                    404, 404, 404, 404, 404, 404, 404, 404, 401),
            new Row("GET /api/audit (the caller's audited tenants)", f -> get("/api/audit"),
                    403, 403, 200, 200, 200, 200, 403, 403, 401),
            new Row("GET /api/audit/verify", f -> get("/api/audit/verify"),
                    403, 403, 200, 200, 200, 200, 403, 403, 401),
            new Row("GET /api/audit/checkpoints", f -> get("/api/audit/checkpoints"),
                    403, 403, 200, 200, 200, 200, 403, 403, 401),
            new Row("POST /api/audit/checkpoints", f -> post("/api/audit/checkpoints", null),
                    403, 403, 403, 403, 403, 200, 403, 403, 401),
            new Row("POST /api/audit/archive (nothing that old)", f -> post("/api/audit/archive?before=2000-01-01", null),
                    403, 403, 403, 403, 403, 409, 403, 403, 401),
            new Row("GET /api/audit/public-key", f -> get("/api/audit/public-key"),
                    403, 403, 200, 200, 200, 200, 403, 403, 401),
            new Row("POST /api/admin/tenants-config/reload", f -> post("/api/admin/tenants-config/reload", null),
                    403, 403, 403, 403, 403, 200, 403, 403, 401),
            new Row("GET /api/admin/keycloak/realm", f -> get("/api/admin/keycloak/realm"),
                    403, 403, 403, 403, 403, 200, 403, 403, 401),
            new Row("GET /api/admin/keycloak/group-sync", f -> get("/api/admin/keycloak/group-sync"),
                    403, 403, 403, 403, 403, 200, 403, 403, 401),
            new Row("GET /engine-rest/engine", f -> get("/engine-rest/engine"),
                    403, 403, 403, 403, 200, 200, 403, 403, 401),
            new Row("POST /engine-rest/engine/{engine}/task (a query)",
                    f -> post("/engine-rest/engine/" + f.get().engine() + "/task", Map.of()),
                    403, 403, 403, 403, 200, 200, 403, 403, 401),
            new Row("POST /engine-rest/task/{acme task}/complete (bypassing the inbox)",
                    f -> post("/engine-rest/task/" + f.get().taskId() + "/complete", Map.of()),
                    403, 403, 403, 403, 403, 403, 403, 403, 401),
            new Row("POST /engine-rest/deployment/create", f -> post("/engine-rest/deployment/create", Map.of()),
                    403, 403, 403, 403, 403, 403, 403, 403, 401),
            new Row("POST /engine-rest/message (bypassing cancel)", f -> post("/engine-rest/message",
                    Map.of("messageName", "cancel-request")),
                    403, 403, 403, 403, 403, 403, 403, 403, 401),
            new Row("GET /camunda/api/tasklist/... (Tasklist is off)", f -> get("/camunda/api/tasklist/plugin/tasklist-plugins"),
                    403, 403, 403, 403, 403, 403, 403, 403, 401),
            new Row("GET /camunda/api/engine/engine (Cockpit's API)", f -> get("/camunda/api/engine/engine"),
                    403, 403, 403, 403, 200, 200, 403, 403, 401),
            new Row("GET /api/public/config", f -> get("/api/public/config"),
                    200, 200, 200, 200, 200, 200, 200, 200, 200),
            new Row("POST /dev-identity/token", f -> post("/dev-identity/token", Map.of("username", "alice")),
                    200, 200, 200, 200, 200, 200, 200, 200, 200).onlyWithTestTokens(),
            // API docs need a token unless stackgate.security.public-api-docs (the dev profile)
            new Row("GET /v3/api-docs", f -> get("/v3/api-docs"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /v3/api-docs.yaml", f -> new Call("GET", "/v3/api-docs.yaml", null,
                    MediaType.parseMediaType("application/vnd.oai.openapi")),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /v3/api-docs/swagger-config", f -> get("/v3/api-docs/swagger-config"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /swagger-ui.html (followed to Swagger UI)", f -> get("/swagger-ui.html"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            new Row("GET /swagger-ui/index.html", f -> get("/swagger-ui/index.html"),
                    200, 200, 200, 200, 200, 200, 200, 200, 401),
            // health for everyone (details for platform admins and operators), the rest of actuator for them only
            new Row("GET /actuator/health", f -> get("/actuator/health"),
                    200, 200, 200, 200, 200, 200, 200, 200, 200),
            new Row("GET /actuator/health/readiness", f -> get("/actuator/health/readiness"),
                    200, 200, 200, 200, 200, 200, 200, 200, 200),
            new Row("GET /actuator/health/liveness", f -> get("/actuator/health/liveness"),
                    200, 200, 200, 200, 200, 200, 200, 200, 200),
            new Row("GET /actuator", f -> get("/actuator"),
                    403, 403, 403, 403, 200, 200, 403, 403, 401),
            new Row("GET /actuator/info", f -> get("/actuator/info"),
                    403, 403, 403, 403, 200, 200, 403, 403, 401));

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Row row : ROWS) {
            for (int i = 0; i < CALLERS.size(); i++) {
                cells.add(Arguments.of(row.name(), CALLERS.get(i), row.expected()[i], row));
            }
        }
        return cells.stream();
    }

    /** One running VM per engine (per application under test) serves every cell that needs one. */
    private static final Map<String, String> RUNNING_VMS = new ConcurrentHashMap<>();

    @Autowired
    ProcessEngine engine;

    @Autowired
    Jobs jobs;

    /** The API as this caller ({@code anon}: no token). */
    protected abstract Api.As caller(String name);

    /** Whether the callers' tokens are test tokens (the dev identity's endpoint exists only then). */
    protected abstract boolean testTokens();

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("cells")
    void everyEndpointAnswersEveryCallerAsTheTableSays(String endpoint, String caller, int expected, Row row) {
        Assumptions.assumeTrue(testTokens() || !row.testTokensOnly(), "only where test tokens are on");
        Call call = row.call().apply(this::fixture);
        Api.As as = caller(caller);
        Response response = call.method().equals("GET")
                ? (call.accept() == null ? as.get(call.path()) : as.get(call.path(), call.accept()))
                : call.method().equals("PUT") ? as.put(call.path(), call.body())
                : call.body() == null ? as.post(call.path()) : as.post(call.path(), call.body());
        assertThat(response.status()).as(endpoint + " as " + caller + ": " + response.body()).isEqualTo(expected);
    }

    private Fixture fixture() {
        Response submitted = caller("alice").post("/api/requests", submission("acme", "web", "vm", smallVm()));
        assertThat(submitted.status()).as("fixture: " + submitted.body()).isEqualTo(201);
        String requestId = submitted.text("id");
        String taskId = taskOf(caller("bob"), requestId).orElseThrow().path("id").asText();
        return new Fixture(requestId, taskId, engine.getName(), RUNNING_VMS.computeIfAbsent(engine.getName(), e -> runningVm()));
    }

    /** alice's small VM in acme/web, approved by bob and provisioned. */
    private String runningVm() {
        Response submitted = caller("alice").post("/api/requests", submission("acme", "web", "vm", smallVm()));
        assertThat(submitted.status()).as("fixture: " + submitted.body()).isEqualTo(201);
        String requestId = submitted.text("id");
        String taskId = taskOf(caller("bob"), requestId).orElseThrow().path("id").asText();
        assertThat(caller("bob").post("/api/tasks/" + taskId + "/approve", DECISION).status()).isEqualTo(204);
        jobs.run(requestId);
        JsonNode vms = caller("alice").get("/api/resources?kind=vm&tenant=acme&project=web&size=200").body();
        for (JsonNode vm : vms.has("items") ? vms.path("items") : vms) {
            if (vm.path("requestId").asText().equals(requestId)) {
                assertThat(vm.path("state").asText()).as("fixture VM").isEqualTo("RUNNING");
                return vm.path("id").asText();
            }
        }
        throw new AssertionError("no VM for request " + requestId);
    }

    private static Call get(String path) {
        return new Call("GET", path, null);
    }

    private static Call put(String path, Object body) {
        return new Call("PUT", path, body);
    }

    private static Call post(String path, Object body) {
        return new Call("POST", path, body);
    }
}
