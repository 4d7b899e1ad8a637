package io.stackgate.identity;

import java.util.Optional;
import java.util.Set;

/** The user directory (Keycloak): its groups, addressed by full path such as {@code /tenants/acme/engineering}. */
public interface Directory {

    /** Every group's full path, parents included. */
    Set<String> groupPaths();

    /** Creates the group and any missing parent; an existing group is left as it is. */
    void createGroup(String path);

    /** Deletes the group with its sub-groups; a missing group is no error. */
    void deleteGroup(String path);

    /** Moves the group, with its sub-groups and members, under {@code newParent} (which must exist). */
    void moveGroup(String path, String newParent);

    Optional<DirectoryUser> user(String username);
}
