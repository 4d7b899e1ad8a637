package io.stackgate.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** One or more fields of the request body are missing or wrong; the problem body names each. */
public class InvalidInput extends DomainException {

    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInput(List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, errors.get(0).field(),
                errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElseThrow());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String title() {
        return "Invalid request";
    }
}
