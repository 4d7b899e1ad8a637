package io.stackgate.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.identity.DirectorySynced;
import io.stackgate.identity.TenantGroups;
import io.stackgate.support.RealKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.web.client.RestClient;

/** The generated realm, the directory adapter and the group sync against a real Keycloak. */
@ExtendWith(RealKeycloak.class)
class KeycloakRealmIT {

    private static final GroupSyncProperties KEEPING = new GroupSyncProperties(false);
    private static final Clock CLOCK = Clock.systemUTC();

    private final KeycloakDirectory directory = new KeycloakDirectory(RealKeycloak.settings(), RestClient.builder(), CLOCK);

    @Test
    void theRealmHasTheGroupTreeOfTenantsConfigAndThePlatformRoles() {
        assertThat(directory.groupPaths()).contains("/tenants", "/tenants/acme", "/tenants/acme/engineering",
                "/tenants/acme/engineering/managers", "/tenants/acme/engineering/platform",
                "/tenants/acme/engineering/platform/managers", "/tenants/acme/finance/managers",
                "/tenants/acme/admins", "/tenants/acme/auditors", "/tenants/globex/operations/managers",
                "/tenants/globex/admins", "/platform/ops", "/platform/admins");
        JsonNode roles = RealKeycloak.adminClient().get().uri("/roles").retrieve().body(JsonNode.class);
        List<String> names = new ArrayList<>();
        roles.forEach(role -> names.add(role.path("name").asText()));
        assertThat(names).containsAll(RealmGenerator.REALM_ROLES);
    }

    @Test
    void aliceTokenCarriesFullGroupPathsRealmRolesTheBackendAudienceAndHerUsername() {
        JsonNode claims = RealKeycloak.claims(RealKeycloak.token("alice"));

        assertThat(claims.path("iss").asText()).isEqualTo(RealKeycloak.issuer());
        assertThat(claims.path("preferred_username").asText()).isEqualTo("alice");
        assertThat(texts(claims.path("groups"))).containsExactly("/tenants/acme/engineering");
        assertThat(texts(claims.path("realm_access").path("roles"))).contains("requester");
        JsonNode aud = claims.path("aud");
        assertThat(aud.isArray() ? texts(aud) : List.of(aud.asText())).contains("stackgate-backend");
    }

    @Test
    void theDirectoryKnowsAUsersGroups() {
        assertThat(directory.user("bob")).hasValueSatisfying(bob ->
                assertThat(bob.groups()).containsExactly("/tenants/acme/engineering/managers"));
        assertThat(directory.user("nobody")).isEmpty();
    }

    @Test
    void groupSyncCreatesNewlyDeclaredGroupsDeletesRemovedOnesAndASecondRunChangesNothing() {
        List<TenantGroups.Declared> base = RealKeycloak.tenants();
        List<TenantGroups.Declared> grown = new ArrayList<>();
        for (TenantGroups.Declared tenant : base) {
            if (tenant.tenantId().equals("acme")) {
                List<String> units = new ArrayList<>(tenant.orgUnitPaths());
                units.add("research");
                tenant = new TenantGroups.Declared("acme", units, tenant.namedGroups());
            }
            grown.add(tenant);
        }
        grown.add(new TenantGroups.Declared("initech", List.of("sales"), Set.of("/tenants/initech/admins")));
        List<Object> events = new ArrayList<>();
        List<List<TenantGroups.Declared>> declared = new ArrayList<>(List.of(base));
        GroupSync sync = new GroupSync(directory, () -> declared.get(0), events::add, Optional.empty(), KEEPING, CLOCK);

        assertThat(sync.sync()).isEqualTo(new DirectorySynced(Set.of(), Set.of()));

        declared.set(0, grown);
        assertThat(sync.sync().created()).containsExactlyInAnyOrder("/tenants/acme/research",
                "/tenants/acme/research/managers", "/tenants/initech", "/tenants/initech/sales",
                "/tenants/initech/sales/managers", "/tenants/initech/admins");
        assertThat(directory.groupPaths()).contains("/tenants/acme/research/managers", "/tenants/initech/admins");
        assertThat(sync.sync()).isEqualTo(new DirectorySynced(Set.of(), Set.of()));

        declared.set(0, base);
        assertThat(sync.sync().deleted()).containsExactlyInAnyOrder("/tenants/acme/research",
                "/tenants/acme/research/managers", "/tenants/initech", "/tenants/initech/sales",
                "/tenants/initech/sales/managers", "/tenants/initech/admins");
        assertThat(directory.groupPaths()).doesNotContain("/tenants/acme/research", "/tenants/initech")
                .contains("/tenants/acme/engineering", "/platform/ops");
        assertThat(sync.sync()).isEqualTo(new DirectorySynced(Set.of(), Set.of()));
        assertThat(events).hasSize(5).allMatch(DirectorySynced.class::isInstance);
        assertThat(directory.user("alice").orElseThrow().groups()).containsExactly("/tenants/acme/engineering");
    }

    @Test
    void anOrgUnitMovedInTheConfigIsMovedInKeycloakAndKeepsItsMembers() {
        List<TenantGroups.Declared> base = RealKeycloak.tenants();
        List<List<TenantGroups.Declared>> declared = new ArrayList<>(List.of(withAcmeUnit(base, "sre")));
        GroupSync sync = new GroupSync(directory, () -> declared.get(0), event -> { }, Optional.empty(), KEEPING, CLOCK);
        sync.sync();
        RealKeycloak.addToGroup("erin", "/tenants/acme/sre");
        try {
            declared.set(0, withAcmeUnit(base, "engineering/platform/sre"));
            assertThat(sync.sync().moved()).containsEntry("/tenants/acme/sre", "/tenants/acme/engineering/platform/sre");
            assertThat(directory.user("erin").orElseThrow().groups()).contains("/tenants/acme/engineering/platform/sre")
                    .doesNotContain("/tenants/acme/sre");
            assertThat(directory.groupPaths()).contains("/tenants/acme/engineering/platform/sre/managers");
        } finally {
            declared.set(0, base);
            deletingWithMembers(declared).sync();
        }
        assertThat(directory.user("erin").orElseThrow().groups()).noneMatch(group -> group.contains("sre"));
    }

    @Test
    void anUndeclaredGroupWithMembersSurvivesTheSyncAndIsReportedAnEmptyOneIsDeletedAndTheSettingDeletesBoth() {
        List<TenantGroups.Declared> base = RealKeycloak.tenants();
        List<List<TenantGroups.Declared>> declared = new ArrayList<>(List.of(withAcmeUnit(withAcmeUnit(base, "legacy"), "retired")));
        List<Object> events = new ArrayList<>();
        GroupSync sync = new GroupSync(directory, () -> declared.get(0), events::add, Optional.empty(), KEEPING, CLOCK);
        sync.sync();
        RealKeycloak.addToGroup("dave", "/tenants/acme/legacy/managers");
        RealKeycloak.addToGroup("erin", "/tenants/acme/legacy/managers");
        RealKeycloak.addToGroup("erin", "/tenants/acme/legacy");
        DirectorySynced deletingEverything;
        try {
            declared.set(0, base);
            DirectorySynced synced = sync.sync();

            assertThat(synced.keptWithMembers()).isEqualTo(Map.of("/tenants/acme/legacy", 2, "/tenants/acme/legacy/managers", 2));
            assertThat(synced.deleted()).containsExactlyInAnyOrder("/tenants/acme/retired", "/tenants/acme/retired/managers");
            assertThat(events).last().isEqualTo(synced);
            assertThat(sync.lastRun().orElseThrow().keptWithMembers()).isEqualTo(synced.keptWithMembers());
            assertThat(directory.groupPaths()).contains("/tenants/acme/legacy/managers").doesNotContain("/tenants/acme/retired");
            assertThat(directory.user("dave").orElseThrow().groups()).contains("/tenants/acme/legacy/managers");
            assertThat(sync.sync().keptWithMembers()).as("kept again, reported again").isEqualTo(synced.keptWithMembers());
        } finally {
            deletingEverything = deletingWithMembers(declared).sync();
        }
        assertThat(deletingEverything.deleted()).containsExactlyInAnyOrder("/tenants/acme/legacy", "/tenants/acme/legacy/managers");
        assertThat(deletingEverything.keptWithMembers()).isEmpty();
        assertThat(directory.groupPaths()).doesNotContain("/tenants/acme/legacy");
        assertThat(directory.user("dave").orElseThrow().groups()).noneMatch(group -> group.contains("legacy"));
    }

    @Test
    void aGroupsMemberCountTakesInItsSubGroupsAndCountsEachUserOnce() {
        assertThat(directory.memberCount("/tenants/acme/engineering")).isEqualTo(3); // alice; bob and bea in managers
        assertThat(directory.memberCount("/tenants/acme/engineering/managers")).isEqualTo(2);
        assertThat(directory.memberCount("/tenants/nowhere")).isZero();
    }

    private GroupSync deletingWithMembers(List<List<TenantGroups.Declared>> declared) {
        return new GroupSync(directory, () -> declared.get(0), event -> { }, Optional.empty(), new GroupSyncProperties(true),
                CLOCK);
    }

    private static List<TenantGroups.Declared> withAcmeUnit(List<TenantGroups.Declared> base, String unit) {
        List<TenantGroups.Declared> tenants = new ArrayList<>();
        for (TenantGroups.Declared tenant : base) {
            if (tenant.tenantId().equals("acme")) {
                List<String> units = new ArrayList<>(tenant.orgUnitPaths());
                units.add(unit);
                tenant = new TenantGroups.Declared("acme", units, tenant.namedGroups());
            }
            tenants.add(tenant);
        }
        return tenants;
    }

    @Test
    void aMembershipRemovedInKeycloakIsGoneFromTheNextToken() {
        assertThat(texts(RealKeycloak.claims(RealKeycloak.token("alice")).path("groups")))
                .contains("/tenants/acme/engineering");

        RealKeycloak.removeFromGroup("alice", "/tenants/acme/engineering");
        try {
            assertThat(texts(RealKeycloak.claims(RealKeycloak.token("alice")).path("groups")))
                    .doesNotContain("/tenants/acme/engineering");
        } finally {
            RealKeycloak.addToGroup("alice", "/tenants/acme/engineering");
        }
        assertThat(texts(RealKeycloak.claims(RealKeycloak.token("alice")).path("groups")))
                .contains("/tenants/acme/engineering");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
