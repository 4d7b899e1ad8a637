package io.stackgate.requests;

import io.stackgate.errors.DomainError;

/** Only the requester or a tenant admin cancels a request. */
public class MayNotCancel extends DomainError {

    MayNotCancel(String message) {
        super(Kind.FORBIDDEN, message);
    }
}
