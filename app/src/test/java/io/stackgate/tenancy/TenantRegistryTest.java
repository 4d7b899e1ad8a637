package io.stackgate.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.stackgate.web.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantRegistryTest {

    @TempDir
    Path folder;

    final List<Object> published = new ArrayList<>();
    TenantRegistry registry;

    @BeforeEach
    void loadTheDemoTenants() throws IOException {
        Files.writeString(folder.resolve("acme.yaml"), TenantsConfigLoaderTest.demo("acme"));
        Files.writeString(folder.resolve("globex.yaml"), TenantsConfigLoaderTest.demo("globex"));
        registry = new TenantRegistry(new TenantsConfigLoader(new TenancyProperties(folder.toString())), published::add);
    }

    @Test
    void aDepartmentLevelGoesToTheGroupOfTheRequestingUnit() {
        assertThat(registry.approverGroup("acme", "dept-manager", "finance")).isEqualTo("/tenants/acme/finance/managers");
        assertThat(registry.approverGroup("globex", "dept-manager", "operations"))
                .isEqualTo("/tenants/globex/operations/managers");
    }

    @Test
    void aSubUnitInheritsTheGroupOfItsClosestListedAncestor() {
        assertThat(registry.orgUnitPath("acme", "platform")).hasValue("engineering/platform");
        assertThat(registry.approverGroup("acme", "dept-manager", "platform"))
                .isEqualTo("/tenants/acme/engineering/managers");
    }

    @Test
    void aLevelWithoutOrgUnitGroupsGoesToItsGroup() {
        assertThat(registry.approverGroup("acme", "platform-ops", "platform")).isEqualTo("role:platform-ops");
        assertThat(registry.approverGroup("acme", "tenant-admin", null)).isEqualTo("/tenants/acme/admins");
    }

    @Test
    void unknownTenantsLevelsAndOrgUnitsAreRefused() {
        assertThatThrownBy(() -> registry.approverGroup("initech", "tenant-admin", null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> registry.approverGroup("acme", "cfo", "finance")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> registry.approverGroup("acme", "dept-manager", "legal")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> registry.approverGroup("acme", "dept-manager", null)).isInstanceOf(NotFound.class);
    }

    @Test
    void theInitialLoadIsAnnouncedWhenTheApplicationIsReady() {
        registry.announceInitialLoad();

        assertThat(published).containsExactly(new TenantsConfigReloaded(java.util.Set.of("acme", "globex")));
    }

    @Test
    void aReloadSwapsInTheNewTenantsAndAnnouncesThem() throws IOException {
        Files.delete(folder.resolve("globex.yaml"));

        TenantRegistry.ReloadReport report = registry.reload();

        assertThat(report).isEqualTo(new TenantRegistry.ReloadReport(List.of("acme"), 1));
        assertThat(registry.allTenantIds()).containsExactly("acme");
        assertThat(published).containsExactly(new TenantsConfigReloaded(java.util.Set.of("acme")));
    }

    @Test
    void aBadReloadReportsTheErrorsAndKeepsTheConfigInForce() throws IOException {
        Files.writeString(folder.resolve("globex.yaml"), "id: globex\n");

        assertThatThrownBy(registry::reload).isInstanceOfSatisfying(TenantsConfigInvalid.class,
                e -> assertThat(e.errors()).extracting(ConfigError::field).contains("name", "quota", "approval"));
        assertThat(registry.allTenantIds()).containsExactlyInAnyOrder("acme", "globex");
        assertThat(registry.find("globex").orElseThrow().projects()).isNotEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aBadConfigStopsTheStartWithEveryErrorInTheMessage() throws IOException {
        Files.writeString(folder.resolve("globex.yaml"), "id: globex\nname: Globex\n");

        assertThatThrownBy(() -> new TenantRegistry(new TenantsConfigLoader(new TenancyProperties(folder.toString())),
                published::add))
                .hasMessageContaining("globex.yaml:1: quota: is required")
                .hasMessageContaining("globex.yaml:1: orgUnits: is required")
                .hasMessageContaining("globex.yaml:1: approval: is required");
    }
}
