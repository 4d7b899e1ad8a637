package io.stackgate.tenancy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.stackgate.tenancy.ProjectRole;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.config.TenantsConfigLoader.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantsConfigLoaderTest {

    @TempDir
    Path folder;

    private Result load() {
        return new TenantsConfigLoader(properties(folder.toString())).load();
    }

    /** The folder, without the dev profile's fallback to the packaged demo tenants. */
    static TenancyProperties properties(String configDir) {
        return new TenancyProperties(configDir, false, Duration.ofSeconds(5));
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(folder.resolve(file), text);
    }

    static String demo(String tenant) {
        return TenantsConfigFiles.fromClasspath().stream().filter(f -> f.name().equals(tenant + ".yaml"))
                .findFirst().orElseThrow().text();
    }

    @Test
    void theDemoTenantsLoadWithTheirOrgUnitsProjectsAndLevels() throws IOException {
        write("acme.yaml", demo("acme"));
        write("globex.yaml", demo("globex"));

        Result result = load();

        assertThat(result.errors()).isEmpty();
        assertThat(result.files()).isEqualTo(2);
        assertThat(result.tenants()).extracting(Tenant::id).containsExactly("acme", "globex");
        Tenant acme = result.tenants().get(0);
        assertThat(acme.orgUnits().get(0).children().get(0).path()).isEqualTo("engineering/platform");
        assertThat(acme.project("web").orElseThrow().quota().vcpus()).isEqualTo(32);
        assertThat(acme.project("data").orElseThrow().roleMappings().get(0).role()).isEqualTo(ProjectRole.OWNER);
        assertThat(acme.approval().levels()).containsOnlyKeys("dept-manager", "platform-ops", "tenant-admin");
        assertThat(acme.approval().levels().get("dept-manager").sla()).hasHours(48);
    }

    @Test
    void aSchemaErrorNamesFileLineAndField() throws IOException {
        write("acme.yaml", demo("acme").replace("vcpus: 32,", "vcpus: -1,"));

        Result result = load();

        assertThat(result.tenants()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("acme.yaml");
            assertThat(error.line()).isEqualTo(lineOf(demo("acme"), "vcpus: 32,"));
            assertThat(error.field()).isEqualTo("projects[0].quota.vcpus");
            assertThat(error.toString()).startsWith("acme.yaml:" + error.line() + ": projects[0].quota.vcpus: ");
        });
    }

    @Test
    void aMissingOrUnknownPropertyIsNamedItself() throws IOException {
        write("acme.yaml", demo("acme").replace("    name: Web shop\n", "    title: Web shop\n"));

        Result result = load();

        assertThat(result.errors()).extracting(ConfigError::field, ConfigError::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("projects[0].name", "is required"),
                org.assertj.core.groups.Tuple.tuple("projects[0].title", "is not allowed here"));
        // a missing property is reported on its object's line, an unknown one on its own
        assertThat(result.errors()).extracting(ConfigError::line).containsExactlyInAnyOrder(
                lineOf(demo("acme"), "- id: web"), lineOf(demo("acme"), "name: Web shop"));
    }

    @Test
    void aSemanticErrorNamesFileLineAndField() throws IOException {
        write("acme.yaml", demo("acme").replace("orgUnit: platform", "orgUnit: marketing"));

        Result result = load();

        assertThat(result.errors()).singleElement().hasToString(
                "acme.yaml:" + lineOf(demo("acme"), "orgUnit: platform") + ": projects[1].orgUnit: unknown org unit 'marketing'");
    }

    @Test
    void everyErrorOfEveryFileIsReported() throws IOException {
        write("acme.yaml", demo("acme")
                .replace("{group: /tenants/acme/auditors, role: viewer", "{group: /tenants/globex/auditors, role: viewer")
                .replace("        finance: /tenants/acme/finance/managers", "        legal: /tenants/acme/legal/managers")
                .replace("    platform-ops: {sla: PT24H, group: \"role:platform-ops\"}\n", ""));
        write("globex.yaml", demo("globex").replace("id: globex", "id: initech"));
        write("initech.yaml", "id: initech\nname: [unclosed\n");

        Result result = load();

        assertThat(result.tenants()).isEmpty();
        assertThat(result.errors()).extracting(ConfigError::toString).satisfiesExactlyInAnyOrder(
                e -> assertThat(e).matches("acme\\.yaml:\\d+: projects\\[0]\\.roleMappings\\[3]\\.group: must be a group below /tenants/acme/"),
                e -> assertThat(e).matches("acme\\.yaml:\\d+: projects\\[1]\\.roleMappings\\[4]\\.group: must be a group below /tenants/acme/"),
                e -> assertThat(e).matches("acme\\.yaml:\\d+: approval\\.levels: missing level 'platform-ops'.*"),
                e -> assertThat(e).matches("acme\\.yaml:\\d+: approval\\.levels\\.dept-manager\\.orgUnitGroups\\.legal: unknown org unit 'legal'"),
                e -> assertThat(e).isEqualTo("globex.yaml:3: id: must equal the file name 'globex'"),
                e -> assertThat(e).startsWith("initech.yaml:3: "));
    }

    @Test
    void aMissingFolderIsAnErrorThatSaysSoInOneLine() {
        TenantsConfigLoader loader = new TenantsConfigLoader(properties(folder.resolve("absent").toString()));

        assertThatThrownBy(loader::load).isInstanceOfSatisfying(TenantsConfigMissing.class, e -> {
            assertThat(e.getMessage()).startsWith("tenants-config folder " + folder.resolve("absent").toAbsolutePath()
                    + " does not exist: set STACKGATE_TENANTS_CONFIGDIR").doesNotContain("\n");
            assertThat(e.errors()).singleElement().extracting(ConfigError::file)
                    .isEqualTo(folder.resolve("absent").toString());
        });
    }

    @Test
    void onlyWithThePackagedFallbackDoesAMissingFolderLoadTheDemoTenantsInTheJar() {
        TenantsConfigLoader loader = new TenantsConfigLoader(
                new TenancyProperties(folder.resolve("absent").toString(), true, Duration.ofSeconds(5)));

        Result result = loader.load();

        assertThat(result.errors()).isEmpty();
        assertThat(result.tenants()).extracting(Tenant::id).contains("acme", "globex");
    }

    @Test
    void aProjectMayNameItsPodSecurityLevelAndOnlyAKnownOne() throws IOException {
        write("acme.yaml", demo("acme").replace("    orgUnit: platform\n", "    orgUnit: platform\n    podSecurity: restricted\n"));

        Result result = load();

        assertThat(result.errors()).isEmpty();
        Tenant acme = result.tenants().get(0);
        assertThat(acme.project("data").orElseThrow().podSecurity()).isEqualTo("restricted");
        assertThat(acme.project("web").orElseThrow().podSecurity()).as("left out: the platform's default").isNull();

        write("acme.yaml", demo("acme").replace("    orgUnit: platform\n", "    orgUnit: platform\n    podSecurity: lax\n"));
        assertThat(load().errors()).singleElement().extracting(ConfigError::field).isEqualTo("projects[1].podSecurity");
    }

    @Test
    void anEmptyFolderIsAnErrorThatSaysSoInOneLine() {
        assertThatThrownBy(this::load).isInstanceOf(TenantsConfigMissing.class)
                .hasMessageStartingWith("tenants-config folder " + folder.toAbsolutePath() + " holds no tenant file (*.yaml)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anEmptyFolderIsAnErrorEvenWithThePackagedFallback() {
        TenantsConfigLoader loader = new TenantsConfigLoader(new TenancyProperties(folder.toString(), true,
                Duration.ofSeconds(5)));

        assertThatThrownBy(loader::load).isInstanceOf(TenantsConfigMissing.class);
    }

    static int lineOf(String text, String fragment) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(fragment);
    }
}
