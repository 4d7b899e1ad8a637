package io.stackgate.identity;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The user directory where the test-token issuer stands in for Keycloak (the fast test suite): the configured demo
 * users, with the subject ids their test tokens carry.
 */
class DevDirectory implements UserDirectory {

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
}
