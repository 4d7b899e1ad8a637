/**
 * Domain errors: the base every capability's refusals extend ({@link io.stackgate.errors.DomainError}, with its
 * {@link io.stackgate.errors.DomainError.Kind}) and the one shared refusal, {@link io.stackgate.errors.InvalidInput}.
 * The web layer maps them to RFC 7807 problems; nothing here knows HTTP.
 */
package io.stackgate.errors;
