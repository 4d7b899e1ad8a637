package io.stackgate.web;

import io.stackgate.errors.DomainError;

/**
 * A generic refusal of kind {@link DomainError.Kind#CONFLICT}, kept while capabilities move to their own errors.
 *
 * @deprecated throw the capability's own {@link DomainError} subclass
 */
@Deprecated(forRemoval = true)
public class Conflict extends DomainError {

    public Conflict(String message) {
        super(Kind.CONFLICT, message);
    }
}
