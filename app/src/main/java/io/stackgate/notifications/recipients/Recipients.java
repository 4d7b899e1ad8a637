package io.stackgate.notifications.recipients;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.stackgate.identity.Caller;
import io.stackgate.identity.DevIdentityProperties;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.identity.UserDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who is in a group, for telling approvers and tenant admins. The directory's port ({@link UserDirectory}) finds a user
 * by name but lists no group's members; until it does, the people it can enumerate are the configured demo users
 * ({@code stackgate.dev-identity.users}) — so with Keycloak only assignees (named people) are told, not whole groups.
 */
@Component
public class Recipients {

    private final ObjectProvider<UserDirectory> directory;
    private final ObjectProvider<DevIdentityProperties> demoUsers;

    Recipients(ObjectProvider<UserDirectory> directory, ObjectProvider<DevIdentityProperties> demoUsers) {
        this.directory = directory;
        this.demoUsers = demoUsers;
    }

    public Optional<DirectoryUser> user(String username) {
        UserDirectory users = directory.getIfAvailable();
        return users == null || username == null ? Optional.empty() : users.user(username);
    }

    /**
     * The users of the tenant (or platform-wide ones) in any of the groups, by the engine's group ids (full paths, or
     * {@code role:<name>}), each once, in name order.
     */
    public List<DirectoryUser> members(Collection<String> groups, String tenantId) {
        DevIdentityProperties demo = demoUsers.getIfAvailable();
        List<DirectoryUser> members = new ArrayList<>();
        if (demo == null) {
            return members;
        }
        demo.users().keySet().stream().sorted().map(this::user).flatMap(Optional::stream)
                .filter(user -> user.isPlatformWide() || Caller.tenantsOf(user.groups()).contains(tenantId))
                .filter(user -> groups.stream().anyMatch(user.engineGroups()::contains))
                .forEach(members::add);
        return members;
    }

    /** The tenant's admins: the tenant-admin role and membership of {@code /tenants/<id>/admins}. */
    public List<DirectoryUser> tenantAdmins(String tenantId) {
        return members(List.of(Caller.adminsGroup(tenantId)), tenantId).stream()
                .filter(user -> user.roles().contains(Caller.TENANT_ADMIN)).toList();
    }
}
