package io.stackgate.web;

import org.springframework.http.HttpStatus;

/**
 * A refusal the caller can act on. Each capability throws its own subclasses (e.g. {@code QuotaExceeded});
 * {@link ProblemAdvice} renders them as RFC 7807 problem bodies.
 */
public abstract class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    protected DomainException(HttpStatus status, String message) {
        this(status, null, message);
    }

    /** @param field the request field at fault, as a JSON path (e.g. {@code spec.vcpus}), or null */
    protected DomainException(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** A short, stable title for the problem type. */
    public String title() {
        return getClass().getSimpleName();
    }
}
