package io.stackgate.tenancy.config;

/** One problem in a tenants-config file, located by file, line (1-based, 0 = whole file) and field. */
record ConfigError(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
