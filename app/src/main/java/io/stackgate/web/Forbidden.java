package io.stackgate.web;

import io.stackgate.errors.DomainError;

/**
 * A generic refusal of kind {@link DomainError.Kind#FORBIDDEN}, kept while capabilities move to their own errors.
 *
 * @deprecated throw the capability's own {@link DomainError} subclass
 */
@Deprecated(forRemoval = true)
public class Forbidden extends DomainError {

    public Forbidden(String message) {
        super(Kind.FORBIDDEN, message);
    }
}
