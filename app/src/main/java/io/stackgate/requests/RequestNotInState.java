package io.stackgate.requests;

import io.stackgate.errors.DomainError;

/** The request is no longer in a status that allows this (e.g. cancelling a request that is being provisioned). */
public class RequestNotInState extends DomainError {

    RequestNotInState(String message) {
        super(Kind.CONFLICT, message);
    }
}
