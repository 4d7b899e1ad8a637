package io.stackgate.identity.dev;

import java.util.Set;

import io.stackgate.errors.InvalidInput;

/** A test token was asked for a username that is not one of the configured demo users: a field error. */
class UnknownDemoUser extends InvalidInput {

    UnknownDemoUser(Set<String> known) {
        super("username", "not a demo user; known: " + known);
    }
}
