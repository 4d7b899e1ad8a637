package io.stackgate.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.stackgate.identity.Directory;
import io.stackgate.identity.DirectorySynced;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.identity.TenantGroups;
import io.stackgate.identity.TenantGroupsChanged;
import org.junit.jupiter.api.Test;

/** The sync's rules on an in-memory directory (KeycloakRealmIT runs it against the real Keycloak). */
class GroupSyncTest {

    /**
     * Records what the sync asks for; creating a group creates its parents, deleting one deletes its sub-groups and
     * their memberships, moving one moves its members.
     */
    static class MemoryDirectory implements Directory {
        final Set<String> groups = new TreeSet<>();
        final List<String> calls = new ArrayList<>();
        /** user → the groups it is a direct member of */
        final Map<String, Set<String>> members = new java.util.HashMap<>();

        void addMember(String user, String group) {
            members.computeIfAbsent(user, u -> new TreeSet<>()).add(group);
        }

        @Override
        public Set<String> groupPaths() {
            return Set.copyOf(groups);
        }

        @Override
        public void createGroup(String path) {
            calls.add("create " + path);
            for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
                groups.add(path.substring(0, slash));
            }
            groups.add(path);
        }

        @Override
        public void deleteGroup(String path) {
            calls.add("delete " + path);
            groups.removeIf(group -> group.equals(path) || group.startsWith(path + "/"));
            members.values().forEach(of -> of.removeIf(group -> group.equals(path) || group.startsWith(path + "/")));
        }

        @Override
        public int memberCount(String path) {
            return (int) members.values().stream()
                    .filter(of -> of.stream().anyMatch(group -> group.equals(path) || group.startsWith(path + "/")))
                    .count();
        }

        @Override
        public void moveGroup(String path, String newParent) {
            calls.add("move " + path + " under " + newParent);
            String moved = newParent + path.substring(path.lastIndexOf('/'));
            Set<String> renamed = new TreeSet<>();
            groups.removeIf(group -> {
                if (group.equals(path) || group.startsWith(path + "/")) {
                    renamed.add(moved + group.substring(path.length()));
                    return true;
                }
                return false;
            });
            groups.addAll(renamed);
            members.values().forEach(of -> {
                Set<String> was = new TreeSet<>(of);
                of.clear();
                was.forEach(group -> of.add(group.equals(path) || group.startsWith(path + "/")
                        ? moved + group.substring(path.length()) : group));
            });
        }

        @Override
        public Optional<DirectoryUser> user(String username) {
            return Optional.empty();
        }

        @Override
        public List<DirectoryUser> members(String groupPath) {
            return List.of();
        }

        @Override
        public List<DirectoryUser> withRole(String realmRole) {
            return List.of();
        }
    }

    private final MemoryDirectory directory = new MemoryDirectory();
    private final List<Object> events = new ArrayList<>();
    private List<TenantGroups.Declared> declared = List.of(
            new TenantGroups.Declared("acme", List.of("engineering"), Set.of("/tenants/acme/admins")));
    private final GroupSync sync = new GroupSync(directory, () -> declared, events::add, Optional.empty(),
            new GroupSyncProperties(false), Clock.systemUTC());

    @Test
    void missingGroupsAreCreatedParentsFirst() {
        DirectorySynced synced = sync.sync();

        assertThat(synced.created()).containsExactlyInAnyOrder("/tenants", "/tenants/acme", "/tenants/acme/admins",
                "/tenants/acme/engineering", "/tenants/acme/engineering/managers");
        assertThat(directory.calls).containsExactly("create /tenants", "create /tenants/acme",
                "create /tenants/acme/admins", "create /tenants/acme/engineering",
                "create /tenants/acme/engineering/managers");
        assertThat(events).containsExactly(synced);
    }

    @Test
    void aSecondRunChangesNothing() {
        sync.sync();
        directory.calls.clear();

        assertThat(sync.sync()).isEqualTo(new DirectorySynced(Set.of(), Set.of()));
        assertThat(directory.calls).isEmpty();
    }

    @Test
    void undeclaredGroupsUnderTenantsAreDeletedFromTheTopmostAndOtherGroupsAreLeftAlone() {
        directory.groups.addAll(Set.of("/platform", "/platform/ops", "/tenants", "/tenants/acme",
                "/tenants/acme/admins", "/tenants/acme/engineering", "/tenants/acme/engineering/managers",
                "/tenants/acme/legacy", "/tenants/acme/legacy/managers", "/tenants/gone", "/tenants/gone/sales"));

        DirectorySynced synced = sync.sync();

        assertThat(synced.deleted()).containsExactlyInAnyOrder("/tenants/acme/legacy", "/tenants/acme/legacy/managers",
                "/tenants/gone", "/tenants/gone/sales");
        assertThat(directory.calls).containsExactlyInAnyOrder("delete /tenants/acme/legacy", "delete /tenants/gone");
        assertThat(directory.groups).contains("/platform/ops", "/tenants/acme/engineering/managers");
    }

    @Test
    void anOrgUnitMovedInTheTreeIsMovedWithItsMembersNotDeletedAndCreated() {
        declared = List.of(new TenantGroups.Declared("acme", List.of("engineering", "engineering/platform"),
                Set.of("/tenants/acme/admins")));
        sync.sync();
        declared = List.of(new TenantGroups.Declared("acme", List.of("engineering", "operations", "operations/platform"),
                Set.of("/tenants/acme/admins")));
        directory.calls.clear();

        DirectorySynced synced = sync.sync();

        assertThat(synced.moved()).containsExactly(Map.entry("/tenants/acme/engineering/platform",
                "/tenants/acme/operations/platform"));
        assertThat(directory.calls).contains("move /tenants/acme/engineering/platform under /tenants/acme/operations")
                .noneMatch(call -> call.startsWith("delete") || call.equals("create /tenants/acme/operations/platform"));
        assertThat(directory.groups).contains("/tenants/acme/operations/platform/managers")
                .doesNotContain("/tenants/acme/engineering/platform");
    }

    @Test
    void anUndeclaredGroupHoldingMembersIsKeptAndReportedWithItsEmptySubGroupsDeletedAndAnEmptyOneDeleted() {
        directory.groups.addAll(Set.of("/tenants", "/tenants/acme", "/tenants/acme/admins", "/tenants/acme/engineering",
                "/tenants/acme/engineering/managers", "/tenants/gone", "/tenants/gone/sales", "/tenants/gone/hr",
                "/tenants/acme/empty"));
        directory.addMember("sam", "/tenants/gone/sales");
        directory.addMember("sue", "/tenants/gone/sales");
        directory.addMember("sue", "/tenants/gone");

        DirectorySynced synced = sync.sync();

        assertThat(synced.keptWithMembers()).containsExactlyInAnyOrderEntriesOf(
                Map.of("/tenants/gone", 2, "/tenants/gone/sales", 2));
        assertThat(synced.deleted()).containsExactlyInAnyOrder("/tenants/acme/empty", "/tenants/gone/hr");
        assertThat(directory.groups).contains("/tenants/gone", "/tenants/gone/sales")
                .doesNotContain("/tenants/gone/hr", "/tenants/acme/empty");
        assertThat(directory.memberCount("/tenants/gone")).isEqualTo(2);
        assertThat(events).containsExactly(synced);
        assertThat(sync.lastRun()).hasValueSatisfying(run -> {
            assertThat(run.outcome()).isEqualTo("synced");
            assertThat(run.keptWithMembers()).isEqualTo(synced.keptWithMembers());
        });
    }

    @Test
    void withTheSettingOnAnUndeclaredGroupIsDeletedWithItsMembers() {
        GroupSync deleting = new GroupSync(directory, () -> declared, events::add, Optional.empty(),
                new GroupSyncProperties(true), Clock.systemUTC());
        directory.groups.addAll(Set.of("/tenants", "/tenants/gone", "/tenants/gone/sales"));
        directory.addMember("sam", "/tenants/gone/sales");

        DirectorySynced synced = deleting.sync();

        assertThat(synced.deleted()).containsExactlyInAnyOrder("/tenants/gone", "/tenants/gone/sales");
        assertThat(synced.keptWithMembers()).isEmpty();
        assertThat(directory.members.get("sam")).isEmpty();
    }

    @Test
    void anUnreachableDirectoryFailsTheSyncButNotTheReload() {
        Directory down = new MemoryDirectory() {
            @Override
            public Set<String> groupPaths() {
                throw new IllegalStateException("Keycloak is down");
            }
        };
        GroupSync failing = new GroupSync(down, () -> declared, events::add, Optional.empty(),
                new GroupSyncProperties(false), Clock.systemUTC());

        assertThatThrownBy(failing::sync).hasMessageContaining("down");
        failing.on(new TenantGroupsChanged()); // logged in the background, never thrown at the publisher
        org.awaitility.Awaitility.await().until(() -> failing.lastRun().isPresent());
        failing.destroy();
        assertThat(events).isEmpty();
        assertThat(failing.lastRun().orElseThrow().outcome()).isEqualTo("failed");
        assertThat(failing.lastRun().orElseThrow().error()).contains("Keycloak is down");
    }
}
