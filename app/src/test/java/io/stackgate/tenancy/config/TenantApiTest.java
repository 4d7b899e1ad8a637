package io.stackgate.tenancy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.identity.DevIdentity;
import io.stackgate.support.TestDatabases;
import io.stackgate.support.TestProfiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The tenant endpoints over HTTP with the demo users' tokens (signed by the dev identity), on a tenants-config
 * folder of their own. (support.Api cannot be used yet: it reads local.server.port before the server starts.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
@Import(TestDatabases.class)
class TenantApiTest {

    record Response(int status, JsonNode body) {
    }

    static final Path FOLDER = demoFolder();
    static final String RELOAD = "/api/admin/tenants-config/reload";

    @DynamicPropertySource
    static void tenantsConfig(DynamicPropertyRegistry properties) {
        properties.add("stackgate.tenants.config-dir", FOLDER::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    DevIdentity identity;
    @Autowired
    ObjectMapper json;
    @Autowired
    TenantRegistry registry;

    private Response call(HttpMethod method, String username, String path) {
        return RestClient.create("http://127.0.0.1:" + port).method(method).uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + identity.tokenFor(username))
                .exchange((request, response) -> {
                    byte[] body = response.getBody().readAllBytes();
                    return new Response(response.getStatusCode().value(),
                            body.length == 0 ? json.nullNode() : json.readTree(body));
                });
    }

    private Response get(String username, String path) {
        return call(HttpMethod.GET, username, path);
    }

    private Response reload(String username) {
        return call(HttpMethod.POST, username, RELOAD);
    }

    @AfterEach
    void restoreTheDemoTenants() {
        writeDemoFiles(FOLDER);
        registry.reload("test");
    }

    @Test
    void aTenantMemberSeesOnlyItsTenantWithOrgUnitsAndLevels() {
        Response response = get("alice", "/api/tenants");

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response.body())).containsExactly("acme");
        JsonNode acme = response.body().get(0);
        assertThat(acme.at("/orgUnits/0/children/0/path").asText()).isEqualTo("engineering/platform");
        assertThat(acme.get("name").asText()).isEqualTo("ACME Corporation");
        assertThat(acme.get("approvalLevels").findValuesAsText("name"))
                .containsExactly("dept-manager", "platform-ops", "tenant-admin");
        assertThat(acme.at("/approvalLevels/0/sla").asText()).isEqualTo("PT48H");
    }

    @Test
    void aPlatformOperatorSeesEveryTenant() {
        assertThat(ids(get("olga", "/api/tenants").body())).containsExactly("acme", "globex");
    }

    @Test
    void projectsShowQuotaUsageAndTheCallersRole() {
        Response response = get("bob", "/api/tenants/acme/projects");

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response.body())).containsExactly("web", "data");
        assertThat(response.body().at("/0/quota/vcpus").asInt()).isEqualTo(32);
        assertThat(response.body().at("/0/used/vcpus").isNumber()).isTrue();
        assertThat(response.body().findValuesAsText("role")).containsExactly("owner", "owner");
        assertThat(get("maya", "/api/tenants/acme/projects").body().findValuesAsText("role"))
                .containsExactly("viewer", "viewer");
    }

    @Test
    void anotherTenantIsNotFound() {
        assertThat(get("dave", "/api/tenants/acme/projects").status()).isEqualTo(404);
        assertThat(get("alice", "/api/tenants/globex/projects").status()).isEqualTo(404);
        assertThat(ids(get("dave", "/api/tenants").body())).containsExactly("globex");
    }

    @Test
    void onlyPlatformAdminsReload() {
        assertThat(reload("olga").status()).isEqualTo(403);
        assertThat(reload("carol").status()).isEqualTo(403);

        Response response = reload("admin");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().toString()).isEqualTo("{\"tenants\":[\"acme\",\"globex\"],\"files\":2,\"version\":"
                + registry.inForce() + "}");
    }

    @Test
    void aBadReloadAnswers422WithEveryErrorAndKeepsTheOldConfig() throws IOException {
        String globex = TenantsConfigLoaderTest.demo("globex");
        Files.writeString(FOLDER.resolve("globex.yaml"), globex.replace("orgUnit: operations", "orgUnit: sales")
                .replace("k8sNodes: 6}", "k8sNodes: -6}"));

        Response response = reload("admin");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("file").asText()).isEqualTo("globex.yaml");
            assertThat(error.get("line").asInt()).isEqualTo(TenantsConfigLoaderTest.lineOf(globex, "k8sNodes: 6}"));
            assertThat(error.get("field").asText()).isEqualTo("quota.k8sNodes");
            assertThat(error.has("column")).as("a schema error knows no column").isFalse();
            assertThat(error.get("message").asText()).contains("0");
        });
        assertThat(get("dave", "/api/tenants/globex/projects").body().findValuesAsText("orgUnit"))
                .containsExactly("operations");
    }

    @Test
    void aYamlSyntaxErrorIsLocatedByFileLineAndColumn() throws IOException {
        String globex = TenantsConfigLoaderTest.demo("globex").replace("name: Globex Inc.", "name: Globex: Inc.");
        Files.writeString(FOLDER.resolve("globex.yaml"), globex);
        int line = TenantsConfigLoaderTest.lineOf(globex, "name: Globex: Inc.");
        // SnakeYAML: "mapping values are not allowed here", at the second colon
        int column = globex.split("\n", -1)[line - 1].indexOf("Globex:") + "Globex".length() + 1;

        Response response = reload("admin");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("file").asText()).isEqualTo("globex.yaml");
            assertThat(error.get("line").asInt()).isEqualTo(line);
            assertThat(error.get("column").asInt()).isEqualTo(column);
            assertThat(error.get("message").asText()).contains("mapping values are not allowed");
        });
        assertThat(ids(get("olga", "/api/tenants").body())).containsExactly("acme", "globex");
    }

    @Test
    void aReloadOfAnEmptiedFolderAnswers422AndKeepsTheOldConfig() throws IOException {
        Files.delete(FOLDER.resolve("acme.yaml"));
        Files.delete(FOLDER.resolve("globex.yaml"));

        Response response = reload("admin");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().at("/errors/0/message").asText()).endsWith("holds no tenant file (*.yaml)");
        assertThat(ids(get("olga", "/api/tenants").body())).containsExactly("acme", "globex");
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.get("id").asText()).toList();
    }

    private static Path demoFolder() {
        try {
            Path folder = Files.createTempDirectory("tenants-config");
            folder.toFile().deleteOnExit();
            writeDemoFiles(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeDemoFiles(Path folder) {
        try {
            Files.writeString(folder.resolve("acme.yaml"), TenantsConfigLoaderTest.demo("acme"));
            Files.writeString(folder.resolve("globex.yaml"), TenantsConfigLoaderTest.demo("globex"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
