package io.stackgate.identity.dev;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.stackgate.identity.DevIdentity;
import io.stackgate.identity.DevIdentityProperties;
import io.stackgate.identity.DirectoryUser;
import io.stackgate.identity.UserDirectory;

/**
 * The user directory where the test-token issuer stands in for Keycloak (the fast test suite): the configured demo
 * users, with the subject ids their test tokens carry.
 */
class DevDirectory implements UserDirectory {

    private final DevIdentityProperties properties;

    DevDirectory(DevIdentityProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<DirectoryUser> user(String username) {
        return Optional.ofNullable(properties.users().get(username))
                .map(user -> new DirectoryUser(DevIdentity.subjectOf(username), username, Set.copyOf(user.groups()),
                        Set.copyOf(user.roles())));
    }

    @Override
    public List<DirectoryUser> members(String groupPath) {
        return users(user -> user.groups().stream()
                .anyMatch(group -> group.equals(groupPath) || group.startsWith(groupPath + "/")));
    }

    @Override
    public List<DirectoryUser> withRole(String realmRole) {
        return users(user -> user.roles().contains(realmRole));
    }

    private List<DirectoryUser> users(Predicate<DirectoryUser> which) {
        return properties.users().keySet().stream().sorted().map(this::user).flatMap(Optional::stream)
                .filter(which).toList();
    }
}
