package io.stackgate.tenancy.config;

/**
 * One problem in a tenants-config file, located by file, line (1-based, 0 = whole file), column (1-based, null when
 * unknown: only a YAML syntax error knows it) and field.
 */
record ConfigError(String file, int line, Integer column, String field, String message) {

    ConfigError(String file, int line, String field, String message) {
        this(file, line, null, field, message);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
