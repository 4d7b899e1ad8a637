package io.stackgate.identity;

import java.util.List;
import java.util.Optional;

/**
 * Who the users are: a user by username, the members of a group and the holders of a realm role, with their groups
 * and roles (Keycloak, or the demo users of test tokens).
 */
public interface UserDirectory {

    Optional<DirectoryUser> user(String username);

    /**
     * The users of the group, by full path ({@code /tenants/acme/engineering}): its direct members and those of its
     * sub-groups, each once, in name order; empty for a group the directory does not know.
     */
    List<DirectoryUser> members(String groupPath);

    /** The users holding the realm role (effective, as {@link DirectoryUser#roles()} says), in name order. */
    List<DirectoryUser> withRole(String realmRole);

    /**
     * The users the process engine means by a group id: the holders of the role for {@code role:<name>}
     * ({@link Caller#ROLE_GROUP_PREFIX}), else the members of the group with that full path.
     */
    default List<DirectoryUser> inEngineGroup(String engineGroupId) {
        return engineGroupId.startsWith(Caller.ROLE_GROUP_PREFIX)
                ? withRole(engineGroupId.substring(Caller.ROLE_GROUP_PREFIX.length()))
                : members(engineGroupId);
    }
}
