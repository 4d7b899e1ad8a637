package io.stackgate.requests.intake;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.stackgate.errors.InvalidInput.FieldError;
import io.stackgate.errors.InvalidInput;
import io.stackgate.requests.RequestSpec;
import io.stackgate.requests.RequestType;
import io.stackgate.web.JsonPaths;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

/** Reads a request's {@code spec} as the record of its type and validates it; errors name {@code spec.<field>}. */
@Component
public class SpecReader {

    private final ObjectMapper json;
    private final Validator validator;

    public SpecReader(ObjectMapper json, Validator validator) {
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.validator = validator;
    }

    public RequestType type(String type) {
        try {
            return RequestType.of(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("type", "must be one of " + RequestType.ids());
        }
    }

    public RequestSpec read(RequestType type, JsonNode spec) {
        if (!spec.isObject()) {
            throw new InvalidInput("spec", "must be an object");
        }
        RequestSpec value;
        try {
            value = json.treeToValue(spec, type.specType());
        } catch (JsonMappingException e) {
            String field = JsonPaths.join("spec", JsonPaths.of(e.getPath()));
            String message = e instanceof UnrecognizedPropertyException ? "unknown field for type " + type.id()
                    : "has the wrong type";
            throw new InvalidInput(field, message);
        } catch (JsonProcessingException e) {
            throw new InvalidInput("spec", "is not readable");
        }
        Set<ConstraintViolation<RequestSpec>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream()
                    .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                    .sorted(Comparator.comparing(FieldError::field))
                    .toList();
            throw new InvalidInput(errors);
        }
        return value;
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // sshKeys[0].<list element> → sshKeys[0]
        String path = violation.getPropertyPath().toString().replace(".<list element>", "");
        return JsonPaths.join("spec", path);
    }
}
