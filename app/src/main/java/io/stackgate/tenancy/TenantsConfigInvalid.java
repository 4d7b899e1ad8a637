package io.stackgate.tenancy;

import java.util.List;
import java.util.stream.Collectors;

import io.stackgate.web.DomainException;
import org.springframework.http.HttpStatus;

/** The tenants-config folder has errors; the configuration in force (if any) stays. */
class TenantsConfigInvalid extends DomainException {

    private final transient List<ConfigError> errors;

    TenantsConfigInvalid(List<ConfigError> errors) {
        this(errors, errors.stream().map(ConfigError::toString)
                .collect(Collectors.joining("\n  ", "tenants-config has " + errors.size() + " error(s):\n  ", "")));
    }

    TenantsConfigInvalid(List<ConfigError> errors, String message) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, message);
        this.errors = List.copyOf(errors);
    }

    List<ConfigError> errors() {
        return errors;
    }

    @Override
    public String title() {
        return "Invalid tenants-config";
    }
}
