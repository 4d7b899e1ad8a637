package io.stackgate.errors;

import java.util.Map;

/**
 * A refusal the caller can act on. Each capability throws its own subclasses ({@code QuotaExceeded},
 * {@code NotYourTask}, {@code HostUnavailable}, …) and says only what kind of refusal it is; the web layer maps the
 * kind to an HTTP status once and renders an RFC 7807 problem whose {@code type} is
 * {@code https://stackgate.io/problems/<type()>}, each documented in {@code docs/problems.md}.
 */
public abstract class DomainError extends RuntimeException {

    /** What sort of refusal: the web layer's one mapping to a status reads only this. */
    public enum Kind {
        /** The input is wrong (400). */
        INVALID,
        /** The caller may see the thing but not do this to it (403). */
        FORBIDDEN,
        /** No such thing, or not one the caller may see (404). */
        NOT_FOUND,
        /** The thing is not in a state that allows this (409). */
        CONFLICT,
        /** The request body is too large (413). */
        TOO_LARGE,
        /** Understood and well-formed, but cannot be carried out as asked (422). */
        UNPROCESSABLE,
        /** Something the request needs is down or not configured (503). */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String field;

    protected DomainError(Kind kind, String message) {
        this(kind, null, message);
    }

    /** @param field the request field at fault, as a JSON path (e.g. {@code spec.vcpus}), or null */
    protected DomainError(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    /** A short, stable title for the problem type. */
    public String title() {
        return getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1 $2");
    }

    /** Further members of the problem body (e.g. the list of errors), beside {@code field}. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** The problem type's last path segment: the class name in kebab case unless a subclass says otherwise. */
    public String type() {
        return getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
