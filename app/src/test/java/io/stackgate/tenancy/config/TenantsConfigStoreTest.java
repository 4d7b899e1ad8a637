package io.stackgate.tenancy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.stackgate.tenancy.config.TenantsConfigFiles.ConfigFile;
import io.stackgate.tenancy.config.TenantsConfigStore.Source;
import org.junit.jupiter.api.Test;

class TenantsConfigStoreTest {

    final TenantsConfigStore store = TestConfigStores.shared();
    final List<ConfigFile> acme = List.of(new ConfigFile("acme.yaml", "id: acme\n"));
    final List<ConfigFile> both = List.of(new ConfigFile("acme.yaml", "id: acme\n"), new ConfigFile("globex.yaml", "id: globex\n"));

    @Test
    void versionsAreNumberedFromOneAndKeepTheirFilesAndWhoStoredThem() {
        assertThat(store.newest()).isEmpty();

        store.add(acme, "instance:a", Source.START);
        TenantsConfigStore.Version second = store.add(both, "admin", Source.RELOAD);

        assertThat(second.number()).isEqualTo(2);
        assertThat(store.newest()).hasValue(store.version(2));
        assertThat(store.version(2).appliedBy()).isEqualTo("admin");
        assertThat(store.files(1)).isEqualTo(acme);
        assertThat(store.files(2)).isEqualTo(both);
    }

    @Test
    void storingTheNewestVersionsFilesAgainStoresNothing() {
        TenantsConfigStore.Version first = store.add(acme, "instance:a", Source.START);

        TenantsConfigStore.Version again = store.add(acme, "instance:b", Source.START);

        assertThat(again).isEqualTo(first);
        assertThat(store.newestNumber()).isEqualTo(1);
    }

    @Test
    void anEarlierVersionsFilesStoredAgainAreTheNextVersionAndTheirHashTellsTheyWereHeld() {
        store.add(acme, "instance:a", Source.START);
        store.add(both, "admin", Source.RELOAD);

        TenantsConfigStore.Version back = store.add(acme, "admin", Source.RELOAD);

        assertThat(back.number()).isEqualTo(3);
        assertThat(back.sha256()).isEqualTo(store.version(1).sha256());
        assertThat(store.held(TenantsConfigStore.sha256(both))).isTrue();
        assertThat(store.held(TenantsConfigStore.sha256(List.of(new ConfigFile("x.yaml", ""))))).isFalse();
    }

    @Test
    void theHashDependsOnNamesAndTextsNotOnTheOrderTheFolderListedThem() {
        assertThat(TenantsConfigStore.sha256(both)).isEqualTo(TenantsConfigStore.sha256(List.of(both.get(1), both.get(0))))
                .isNotEqualTo(TenantsConfigStore.sha256(List.of(new ConfigFile("acme.yaml", "id: acme\n"),
                        new ConfigFile("globex.yaml", "id: globex \n"))));
    }
}
