package io.stackgate.requests;

import io.stackgate.errors.DomainError;

/** No such request, or one in a tenant the caller may not see. */
public class RequestNotFound extends DomainError {

    RequestNotFound(String message) {
        super(Kind.NOT_FOUND, message);
    }
}
