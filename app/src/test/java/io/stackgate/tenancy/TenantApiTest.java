package io.stackgate.tenancy;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The tenant endpoints over MockMvc, on a tenants-config folder of their own. */
@SpringBootTest
@AutoConfigureMockMvc
class TenantApiTest {

    static final Path FOLDER = demoFolder();

    @DynamicPropertySource
    static void tenantsConfig(DynamicPropertyRegistry properties) {
        properties.add("stackgate.tenants.config-dir", FOLDER::toString);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TenantRegistry registry;

    static RequestPostProcessor user(String name, List<String> groups, List<String> roles) {
        return jwt().jwt(token -> token.claim("preferred_username", name).claim("groups", groups)
                .claim("realm_access", Map.of("roles", roles)));
    }

    static final RequestPostProcessor ALICE = user("alice", List.of("/tenants/acme/engineering"), List.of("requester"));
    static final RequestPostProcessor DAVE = user("dave", List.of("/tenants/globex/operations"), List.of("requester"));
    static final RequestPostProcessor OLGA = user("olga", List.of(), List.of("platform-ops"));
    static final RequestPostProcessor ADMIN = user("root", List.of(), List.of("platform-admin"));

    @AfterEach
    void restoreTheDemoTenants() {
        writeDemoFiles(FOLDER);
        registry.reload();
    }

    @Test
    void aTenantMemberSeesOnlyItsTenantWithOrgUnitsAndLevels() throws Exception {
        mvc.perform(get("/api/tenants").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(contains("acme")))
                .andExpect(jsonPath("$[0].orgUnits[0].children[0].path").value("engineering/platform"))
                .andExpect(jsonPath("$[0].approvalLevels[*].name").value(contains("dept-manager", "platform-ops", "tenant-admin")))
                .andExpect(jsonPath("$[0].approvalLevels[0].sla").value("PT48H"));
    }

    @Test
    void aPlatformOperatorSeesEveryTenant() throws Exception {
        mvc.perform(get("/api/tenants").with(OLGA))
                .andExpect(jsonPath("$[*].id").value(containsInAnyOrder("acme", "globex")));
    }

    @Test
    void projectsShowQuotaUsageAndTheCallersRole() throws Exception {
        mvc.perform(get("/api/tenants/acme/projects").with(ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(contains("web", "data")))
                .andExpect(jsonPath("$[0].quota.vcpus").value(32))
                .andExpect(jsonPath("$[0].used.vcpus").value(0))
                .andExpect(jsonPath("$[0].role").value("member"));
    }

    @Test
    void anotherTenantsProjectsAreNotFound() throws Exception {
        mvc.perform(get("/api/tenants/acme/projects").with(DAVE))
                .andExpect(status().isNotFound());
    }

    @Test
    void onlyPlatformAdminsReload() throws Exception {
        mvc.perform(post("/api/admin/tenants-config/reload").with(csrf()).with(OLGA))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/admin/tenants-config/reload").with(csrf()).with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenants").value(contains("acme", "globex")))
                .andExpect(jsonPath("$.files").value(2));
    }

    @Test
    void aBadReloadAnswers422WithEveryErrorAndKeepsTheOldConfig() throws Exception {
        Files.writeString(FOLDER.resolve("globex.yaml"), TenantsConfigLoaderTest.demo("globex")
                .replace("orgUnit: operations", "orgUnit: sales"));

        mvc.perform(post("/api/admin/tenants-config/reload").with(csrf()).with(ADMIN))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].file").value("globex.yaml"))
                .andExpect(jsonPath("$.errors[0].line").value(
                        TenantsConfigLoaderTest.lineOf(TenantsConfigLoaderTest.demo("globex"), "orgUnit: operations")))
                .andExpect(jsonPath("$.errors[0].field").value("projects[0].orgUnit"))
                .andExpect(jsonPath("$.errors[0].message").value("unknown org unit 'sales'"));
        mvc.perform(get("/api/tenants/globex/projects").with(DAVE))
                .andExpect(jsonPath("$[*].orgUnit").value(hasItem("operations")));
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
