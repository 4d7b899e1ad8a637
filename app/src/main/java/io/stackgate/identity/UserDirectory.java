package io.stackgate.identity;

import java.util.Optional;

/** Who the users are: a user by username, with their groups and roles (Keycloak, or the demo users of test tokens). */
public interface UserDirectory {

    Optional<DirectoryUser> user(String username);
}
