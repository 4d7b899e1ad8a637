package io.stackgate.identity;

import java.util.Set;
import java.util.TreeSet;

/**
 * A user as the directory knows them.
 *
 * @param id       the directory's id of the user: the {@code sub} of their tokens
 * @param groups   full group paths
 * @param roles    realm roles (effective, composites included)
 */
public record DirectoryUser(String id, String username, Set<String> groups, Set<String> roles) {

    public DirectoryUser {
        groups = Set.copyOf(groups);
        roles = Set.copyOf(roles);
    }

    /** The group ids the process engine would know this user by: group paths and {@code role:<name>}. */
    public Set<String> engineGroups() {
        Set<String> ids = new TreeSet<>(groups);
        roles.forEach(role -> ids.add(Caller.ROLE_GROUP_PREFIX + role));
        return ids;
    }

    /** Platform admins and operators act in every tenant. */
    public boolean isPlatformWide() {
        return roles.contains(Caller.PLATFORM_ADMIN) || roles.contains(Caller.PLATFORM_OPS);
    }
}
