package io.stackgate.web;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;

/** Renders Jackson's path to a bad value as the dotted field name a client sees, e.g. {@code spec.disks[0].sizeGiB}. */
public final class JsonPaths {

    private JsonPaths() {
    }

    public static String of(List<Reference> path) {
        StringBuilder field = new StringBuilder();
        for (Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }

    public static String join(String prefix, String field) {
        return prefix == null || prefix.isEmpty() ? field : prefix + "." + field;
    }
}
