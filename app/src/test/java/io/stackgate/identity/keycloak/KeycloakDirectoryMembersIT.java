package io.stackgate.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.identity.Caller;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.support.RealKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The directory lists a group's members and a realm role's holders on the real Keycloak, as the backend's service
 * account: who is told of an approval task or a tenant's quota.
 */
@ExtendWith(RealKeycloak.class)
class KeycloakDirectoryMembersIT {

    private final KeycloakDirectory directory = new KeycloakDirectory(RealKeycloak.settings(), RestClient.builder(),
            Clock.systemUTC());

    @Test
    void aGroupsMembersComeWithTheirGroupsAndRoles() {
        List<DirectoryUser> managers = directory.members("/tenants/acme/engineering/managers");

        assertThat(managers).extracting(DirectoryUser::username).containsExactly("bea", "bob");
        assertThat(managers).allSatisfy(manager -> {
            assertThat(manager.groups()).containsExactly("/tenants/acme/engineering/managers");
            assertThat(manager.roles()).contains(Caller.APPROVER).doesNotContain(Caller.TENANT_ADMIN);
        });
        assertThat(managers.get(1)).isEqualTo(directory.user("bob").orElseThrow());
    }

    @Test
    void aParentGroupHasTheMembersOfItsSubGroupsEachOnce() {
        RealKeycloak.addToGroup("bob", "/tenants/acme/engineering");
        try {
            assertThat(directory.members("/tenants/acme/engineering")).extracting(DirectoryUser::username)
                    .containsExactly("alice", "bea", "bob");
            assertThat(directory.members("/tenants/acme")).extracting(DirectoryUser::username)
                    .containsExactly("alice", "bea", "bob", "carol", "fiona", "frank", "maya");
        } finally {
            RealKeycloak.removeFromGroup("bob", "/tenants/acme/engineering");
        }
    }

    @Test
    void theHoldersOfARealmRole() {
        assertThat(directory.withRole(Caller.PLATFORM_OPS)).singleElement().satisfies(olga -> {
            assertThat(olga.username()).isEqualTo("olga");
            assertThat(olga.groups()).containsExactly("/platform/ops");
            assertThat(olga.roles()).contains(Caller.PLATFORM_OPS, Caller.APPROVER);
        });
        assertThat(directory.inEngineGroup(Caller.ROLE_GROUP_PREFIX + Caller.APPROVER))
                .extracting(DirectoryUser::username).containsExactly("bea", "bob", "carol", "erin", "fiona", "olga");
    }

    @Test
    void aRoleMappedToAGroupIsHeldByItsMembersAndThoseOfItsSubGroups() {
        RestClient admin = RealKeycloak.adminClient();
        JsonNode auditor = admin.get().uri("/roles/{role}", Caller.AUDITOR).retrieve().body(JsonNode.class);
        String engineering = directory.groupId("/tenants/acme/engineering").orElseThrow();
        admin.post().uri("/groups/{id}/role-mappings/realm", engineering).contentType(MediaType.APPLICATION_JSON)
                .body(List.of(auditor)).retrieve().toBodilessEntity();
        try {
            assertThat(directory.withRole(Caller.AUDITOR)).extracting(DirectoryUser::username)
                    .containsExactly("alice", "bea", "bob", "maya");
        } finally {
            admin.method(org.springframework.http.HttpMethod.DELETE).uri("/groups/{id}/role-mappings/realm", engineering)
                    .contentType(MediaType.APPLICATION_JSON).body(List.of(auditor)).retrieve().toBodilessEntity();
        }
        assertThat(directory.withRole(Caller.AUDITOR)).extracting(DirectoryUser::username).containsExactly("maya");
    }

    @Test
    void aRoleIncludedInACompositeRoleIsHeldByThoseOfTheCompositeRole() {
        RestClient admin = RealKeycloak.adminClient();
        JsonNode auditor = admin.get().uri("/roles/{role}", Caller.AUDITOR).retrieve().body(JsonNode.class);
        admin.post().uri("/roles").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "compliance-lead")).retrieve().toBodilessEntity();
        try {
            admin.post().uri("/roles/{role}/composites", "compliance-lead").contentType(MediaType.APPLICATION_JSON)
                    .body(List.of(auditor)).retrieve().toBodilessEntity();
            JsonNode lead = admin.get().uri("/roles/{role}", "compliance-lead").retrieve().body(JsonNode.class);
            String carol = admin.get().uri("/users?exact=true&username=carol").retrieve().body(JsonNode.class).get(0)
                    .path("id").asText();
            admin.post().uri("/users/{id}/role-mappings/realm", carol).contentType(MediaType.APPLICATION_JSON)
                    .body(List.of(lead)).retrieve().toBodilessEntity();

            assertThat(directory.withRole(Caller.AUDITOR)).extracting(DirectoryUser::username)
                    .containsExactly("carol", "maya");
            assertThat(directory.withRole("compliance-lead")).extracting(DirectoryUser::username)
                    .containsExactly("carol");
        } finally {
            admin.delete().uri("/roles/{role}", "compliance-lead").retrieve().toBodilessEntity();
        }
        assertThat(directory.withRole(Caller.AUDITOR)).extracting(DirectoryUser::username).containsExactly("maya");
    }

    @Test
    void aDisabledUserIsNoRecipient() {
        RestClient admin = RealKeycloak.adminClient();
        String bea = admin.get().uri("/users?exact=true&username=bea").retrieve().body(JsonNode.class).get(0)
                .path("id").asText();
        admin.put().uri("/users/{id}", bea).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("enabled", false)).retrieve().toBodilessEntity();
        try {
            assertThat(directory.members("/tenants/acme/engineering/managers")).extracting(DirectoryUser::username)
                    .containsExactly("bob");
        } finally {
            admin.put().uri("/users/{id}", bea).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("enabled", true)).retrieve().toBodilessEntity();
        }
    }

    @Test
    void anUnknownGroupOrRoleHasNobody() {
        assertThat(directory.members("/tenants/acme/no-such-unit")).isEmpty();
        assertThat(directory.members("/tenants/acme/engineering/platform/managers")).as("known, but empty").isEmpty();
        assertThat(directory.withRole("no-such-role")).isEmpty();
    }
}
