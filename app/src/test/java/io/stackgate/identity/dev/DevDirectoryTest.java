package io.stackgate.identity.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackgate.identity.Caller;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.support.RealKeycloak;
import org.junit.jupiter.api.Test;

/** The demo users' directory lists a group's members (sub-groups included) and a role's holders, as Keycloak's does. */
class DevDirectoryTest {

    private final DevDirectory directory = new DevDirectory(RealKeycloak.demoUsers());

    @Test
    void aGroupsMembersIncludeThoseOfItsSubGroups() {
        assertThat(directory.members("/tenants/acme/engineering/managers")).extracting(DirectoryUser::username)
                .containsExactly("bea", "bob");
        assertThat(directory.members("/tenants/acme/engineering")).extracting(DirectoryUser::username)
                .containsExactly("alice", "bea", "bob");
        assertThat(directory.members("/tenants/acme/eng")).as("a name prefix is no sub-group").isEmpty();
        assertThat(directory.members("/tenants/acme/no-such-unit")).isEmpty();
    }

    @Test
    void aRolesHoldersAndRoleGroupsOfTheEngine() {
        assertThat(directory.withRole(Caller.PLATFORM_OPS)).extracting(DirectoryUser::username).containsExactly("olga");
        assertThat(directory.inEngineGroup(Caller.ROLE_GROUP_PREFIX + Caller.TENANT_ADMIN))
                .extracting(DirectoryUser::username).containsExactly("carol");
        assertThat(directory.inEngineGroup("/tenants/acme/admins")).extracting(DirectoryUser::username)
                .containsExactly("carol");
        assertThat(directory.withRole("no-such-role")).isEmpty();
    }
}
