package io.stackgate.identity;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The user directory where the test-token issuer stands in for Keycloak (the fast test suite): the configured demo
 * users, with the subject ids their test tokens carry. Group changes are not kept (nothing to sync against).
 */
class DevDirectory implements Directory {

    private final DevIdentityProperties properties;

    DevDirectory(DevIdentityProperties properties) {
        this.properties = properties;
    }

    /** The subject a test token of this user carries (see {@link DevIdentity}). */
    static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public Optional<DirectoryUser> user(String username) {
        return Optional.ofNullable(properties.users().get(username))
                .map(user -> new DirectoryUser(subjectOf(username), username, Set.copyOf(user.groups()),
                        Set.copyOf(user.roles())));
    }

    @Override
    public Set<String> groupPaths() {
        Set<String> paths = new HashSet<>();
        properties.users().values().forEach(user -> paths.addAll(user.groups()));
        return paths;
    }

    @Override
    public void createGroup(String path) {
        throw new UnsupportedOperationException("the dev directory keeps no groups");
    }

    @Override
    public void deleteGroup(String path) {
        throw new UnsupportedOperationException("the dev directory keeps no groups");
    }

    @Override
    public void moveGroup(String path, String newParent) {
        throw new UnsupportedOperationException("the dev directory keeps no groups");
    }
}
