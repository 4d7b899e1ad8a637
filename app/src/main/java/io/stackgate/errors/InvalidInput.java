package io.stackgate.errors;

import java.util.List;
import java.util.Map;

/** One or more fields of the request body are missing or wrong; the problem body names each. */
public class InvalidInput extends DomainError {

    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInput(List<FieldError> errors) {
        super(Kind.INVALID, errors.get(0).field(),
                errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElseThrow());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    }

    @Override
    public String title() {
        return "Invalid request";
    }

    @Override
    public String type() {
        return "invalid-request";
    }
}
