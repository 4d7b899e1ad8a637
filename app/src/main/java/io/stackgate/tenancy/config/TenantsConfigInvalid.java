package io.stackgate.tenancy.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.stackgate.errors.DomainError;

/** The tenants-config folder has errors; the configuration in force (if any) stays. */
class TenantsConfigInvalid extends DomainError {

    private final transient List<ConfigError> errors;

    TenantsConfigInvalid(List<ConfigError> errors) {
        this(errors, errors.stream().map(ConfigError::toString)
                .collect(Collectors.joining("\n  ", "tenants-config has " + errors.size() + " error(s):\n  ", "")));
    }

    TenantsConfigInvalid(List<ConfigError> errors, String message) {
        super(Kind.UNPROCESSABLE, message);
        this.errors = List.copyOf(errors);
    }

    List<ConfigError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", errors);
    }

    @Override
    public String title() {
        return "Invalid tenants-config";
    }
}
