package io.stackgate.tenancy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.stackgate.support.Instances;
import io.stackgate.support.TestDatabases;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where no tenants-config folder is, the application does not start on the demo tenants packaged in the jar (group
 * sync would then delete every Keycloak group they do not declare): it stops, saying why in one line. Only the dev
 * profile, which {@code ./mvnw spring-boot:run -pl app} turns on, falls back to them.
 */
@ExtendWith(OutputCaptureExtension.class)
class TenantsConfigStartTest {

    @TempDir
    Path folder;

    private SpringApplicationBuilder app(String... moreProfiles) {
        return Instances.app(List.of(moreProfiles), TestDatabases.class);
    }

    private String noTenantsConfig() {
        return "--stackgate.tenants.config-dir=" + folder.resolve("tenants-config");
    }

    @Test
    void withoutTheDevProfileAMissingFolderStopsTheStartWithOneLineSayingSo(CapturedOutput output) {
        // the database plays no part here; an H2 of its own leaves nothing behind on a shared server
        String database = "--spring.datasource.url=jdbc:h2:mem:no-tenants-" + UUID.randomUUID();

        assertThatThrownBy(() -> app().run("--server.port=0", database, noTenantsConfig()))
                .hasRootCauseInstanceOf(TenantsConfigMissing.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("tenants-config folder " + folder.resolve("tenants-config").toAbsolutePath()
                        + " does not exist: set STACKGATE_TENANTS_CONFIGDIR (stackgate.tenants.config-dir) to the folder"
                        + " of tenant files (only the dev profile falls back to the demo tenants packaged in the jar)\n")
                .doesNotContain("Application run failed");
    }

    @Test
    void theDevProfileFallsBackToTheDemoTenantsPackagedInTheJar() {
        try (ConfigurableApplicationContext app = app("dev").run("--server.port=0", noTenantsConfig())) {
            assertThat(app.getBean(Tenants.class).all()).extracting(Tenant::id).containsExactly("acme", "globex");
            assertThat(app.getBean(Tenants.class).find("acme").orElseThrow().name()).isEqualTo("ACME Corporation");
        }
    }
}
