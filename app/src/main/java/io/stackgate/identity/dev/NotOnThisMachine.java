package io.stackgate.identity.dev;

import io.stackgate.errors.DomainError;

/** The dev identity hands out test tokens only to callers on this machine (loopback). */
class NotOnThisMachine extends DomainError {

    NotOnThisMachine() {
        super(Kind.FORBIDDEN, "the dev identity answers only on this machine");
    }
}
