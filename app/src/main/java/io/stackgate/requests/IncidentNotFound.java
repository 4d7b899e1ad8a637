package io.stackgate.requests;

import io.stackgate.errors.DomainError;

/** No incident with this id. */
public class IncidentNotFound extends DomainError {

    public IncidentNotFound(String id) {
        super(Kind.NOT_FOUND, "incident " + id + " not found");
    }
}
