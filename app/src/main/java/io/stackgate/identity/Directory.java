package io.stackgate.identity;

import java.util.Set;

/**
 * The directory (Keycloak): its users, and its groups addressed by full path such as {@code /tenants/acme/engineering}.
 */
public interface Directory extends UserDirectory {

    /** Every group's full path, parents included. */
    Set<String> groupPaths();

    /** Creates the group and any missing parent; an existing group is left as it is. */
    void createGroup(String path);

    /** Deletes the group with its sub-groups; a missing group is no error. */
    void deleteGroup(String path);

    /** Moves the group, with its sub-groups and members, under {@code newParent} (which must exist). */
    void moveGroup(String path, String newParent);

    /** How many users are members of the group or of any of its sub-groups (each user once); 0 for a missing group. */
    int memberCount(String path);
}
