package io.stackgate.tenancy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.stackgate.tenancy.ApprovalLevelNotFound;
import io.stackgate.tenancy.NoApproverGroup;
import io.stackgate.tenancy.OrgUnitNotFound;
import io.stackgate.tenancy.TenantNotFound;
import io.stackgate.tenancy.Tenants;
import io.stackgate.tenancy.TenantsConfigReloaded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantRegistryTest {

    @TempDir
    Path folder;
    @TempDir
    Path otherFolder;

    final List<Object> published = new ArrayList<>();
    final TenantsConfigStore store = TestConfigStores.shared();
    TenantRegistry registry;

    @BeforeEach
    void loadTheDemoTenants() throws IOException {
        writeDemo(folder);
        registry = start(folder, published);
    }

    private TenantRegistry start(Path configDir, List<Object> events) {
        return new TenantRegistry(new TenantsConfigLoader(TenantsConfigLoaderTest.properties(configDir.toString())), store,
                events::add);
    }

    private static void writeDemo(Path configDir) throws IOException {
        Files.writeString(configDir.resolve("acme.yaml"), TenantsConfigLoaderTest.demo("acme"));
        Files.writeString(configDir.resolve("globex.yaml"), TenantsConfigLoaderTest.demo("globex"));
    }

    private static void renameAcme(Path configDir, String name) throws IOException {
        Path acme = configDir.resolve("acme.yaml");
        Files.writeString(acme, Files.readString(acme).replace("name: ACME Corporation", "name: " + name));
    }

    private static String acmeName(Tenants tenants) {
        return tenants.find("acme").orElseThrow().name();
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
        assertThatThrownBy(() -> registry.approverGroup("initech", "tenant-admin", null)).isInstanceOf(TenantNotFound.class);
        assertThatThrownBy(() -> registry.approverGroup("acme", "cfo", "finance")).isInstanceOf(ApprovalLevelNotFound.class);
        assertThatThrownBy(() -> registry.approverGroup("acme", "dept-manager", "legal")).isInstanceOf(OrgUnitNotFound.class);
        assertThatThrownBy(() -> registry.approverGroup("acme", "dept-manager", null)).isInstanceOf(NoApproverGroup.class);
    }

    @Test
    void theInitialLoadIsAnnouncedWhenTheApplicationIsReady() {
        registry.announceInitialLoad();

        assertThat(published).containsExactly(new TenantsConfigReloaded(Set.of("acme", "globex")));
    }

    @Test
    void theFirstStartStoresTheFolderAsVersionOneWithItsFilesAndWhoStoredIt() {
        assertThat(registry.inForce()).isEqualTo(1);
        TenantsConfigStore.Version stored = store.version(1);
        assertThat(stored.source()).isEqualTo(TenantsConfigStore.Source.START);
        assertThat(stored.appliedBy()).startsWith("instance:");
        assertThat(store.files(1)).extracting(TenantsConfigFiles.ConfigFile::name).containsExactly("acme.yaml", "globex.yaml");
        assertThat(store.files(1).get(0).text()).isEqualTo(TenantsConfigLoaderTest.demo("acme"));
    }

    @Test
    void aReloadSwapsInTheNewTenantsStoresThemAsTheNextVersionAndAnnouncesThem() throws IOException {
        Files.delete(folder.resolve("globex.yaml"));

        TenantRegistry.ReloadReport report = registry.reload("admin");

        assertThat(report).isEqualTo(new TenantRegistry.ReloadReport(List.of("acme"), 1, 2));
        assertThat(registry.allTenantIds()).containsExactly("acme");
        assertThat(published).containsExactly(new TenantsConfigReloaded(Set.of("acme")));
        assertThat(store.version(2).appliedBy()).isEqualTo("admin");
        assertThat(store.version(2).source()).isEqualTo(TenantsConfigStore.Source.RELOAD);
        assertThat(store.files(2)).extracting(TenantsConfigFiles.ConfigFile::name).containsExactly("acme.yaml");
    }

    @Test
    void aReloadOfAnUnchangedFolderStoresNoNewVersion() {
        assertThat(registry.reload("admin").version()).isEqualTo(1);
        assertThat(store.newestNumber()).isEqualTo(1);
    }

    @Test
    void aBadReloadReportsTheErrorsKeepsTheConfigInForceAndStoresNothing() throws IOException {
        Files.writeString(folder.resolve("globex.yaml"), "id: globex\n");

        assertThatThrownBy(() -> registry.reload("admin")).isInstanceOfSatisfying(TenantsConfigInvalid.class,
                e -> assertThat(e.errors()).extracting(ConfigError::field).contains("name", "quota", "approval"));
        assertThat(registry.allTenantIds()).containsExactlyInAnyOrder("acme", "globex");
        assertThat(registry.find("globex").orElseThrow().projects()).isNotEmpty();
        assertThat(published).isEmpty();
        assertThat(store.newestNumber()).isEqualTo(1);
    }

    @Test
    void aBadConfigStopsTheStartWithEveryErrorInTheMessage() throws IOException {
        Files.writeString(otherFolder.resolve("globex.yaml"), "id: globex\nname: Globex\n");

        assertThatThrownBy(() -> start(otherFolder, published))
                .hasMessageContaining("globex.yaml:1: quota: is required")
                .hasMessageContaining("globex.yaml:1: orgUnits: is required")
                .hasMessageContaining("globex.yaml:1: approval: is required");
    }

    @Test
    void anotherInstancesReloadIsPutInForceFromTheStoredFilesNotFromThisInstancesFolder() throws IOException {
        writeDemo(otherFolder);
        List<Object> publishedThere = new ArrayList<>();
        TenantRegistry other = start(otherFolder, publishedThere);
        renameAcme(folder, "ACME Holding");

        registry.reload("admin");
        assertThat(acmeName(other)).isEqualTo("ACME Corporation");
        other.converge();

        assertThat(other.inForce()).isEqualTo(2);
        assertThat(acmeName(other)).isEqualTo("ACME Holding");
        assertThat(publishedThere).containsExactly(new TenantsConfigReloaded(Set.of("acme", "globex")));
        assertThat(Files.readString(otherFolder.resolve("acme.yaml"))).contains("name: ACME Corporation");
    }

    @Test
    void convergingWithNoNewerVersionChangesAndAnnouncesNothing() {
        registry.converge();

        assertThat(registry.inForce()).isEqualTo(1);
        assertThat(published).isEmpty();
    }

    @Test
    void anInstanceStartedWithTheNewestFolderPutsThatVersionInForceAndStoresNothing() throws IOException {
        writeDemo(otherFolder);

        TenantRegistry other = start(otherFolder, new ArrayList<>());

        assertThat(other.inForce()).isEqualTo(1);
        assertThat(store.newestNumber()).isEqualTo(1);
    }

    @Test
    void anInstanceStartedWithANewFolderStoresItAsTheNextVersionAsAReloadWould() throws IOException {
        writeDemo(otherFolder);
        renameAcme(otherFolder, "ACME Deployed");

        TenantRegistry other = start(otherFolder, new ArrayList<>());

        assertThat(other.inForce()).isEqualTo(2);
        assertThat(acmeName(other)).isEqualTo("ACME Deployed");
        assertThat(store.version(2).source()).isEqualTo(TenantsConfigStore.Source.START);
        registry.converge();
        assertThat(acmeName(registry)).isEqualTo("ACME Deployed");
    }

    @Test
    void aStaleInstanceRestartingWithAnEarlierVersionsFolderDoesNotRollTheConfigBack() throws IOException {
        writeDemo(otherFolder);
        renameAcme(folder, "ACME Holding");
        registry.reload("admin");

        TenantRegistry restarted = start(otherFolder, new ArrayList<>());

        assertThat(restarted.inForce()).isEqualTo(2);
        assertThat(acmeName(restarted)).isEqualTo("ACME Holding");
        assertThat(store.newestNumber()).isEqualTo(2);
        registry.converge();
        assertThat(acmeName(registry)).isEqualTo("ACME Holding");
    }

    @Test
    void goingBackToAnEarlierConfigIsAnExplicitReload() throws IOException {
        renameAcme(folder, "ACME Holding");
        registry.reload("admin");
        writeDemo(folder);

        TenantRegistry.ReloadReport report = registry.reload("admin");

        assertThat(report.version()).isEqualTo(3);
        assertThat(acmeName(registry)).isEqualTo("ACME Corporation");
    }
}
