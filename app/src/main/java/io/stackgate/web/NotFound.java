package io.stackgate.web;

import io.stackgate.errors.DomainError;

/**
 * A generic refusal of kind {@link DomainError.Kind#NOT_FOUND}, kept while capabilities move to their own errors.
 *
 * @deprecated throw the capability's own {@link DomainError} subclass
 */
@Deprecated(forRemoval = true)
public class NotFound extends DomainError {

    public NotFound(String what, String id) {
        super(Kind.NOT_FOUND, what + " " + id + " not found");
    }
}
