package io.stackgate.audit.reports;

import java.util.Arrays;
import java.util.Locale;

import io.stackgate.errors.InvalidInput;

/** How a report is answered: JSON for the UI, or a file to keep. */
public enum ReportFormat {
    JSON("application/json", "json"),
    CSV("text/csv;charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    PDF("application/pdf", "pdf");

    private final String contentType;
    private final String extension;

    ReportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** @throws InvalidInput naming {@code format} */
    public static ReportFormat of(String value) {
        if (value == null || value.isBlank()) {
            return JSON;
        }
        return Arrays.stream(values()).filter(format -> format.extension.equals(value.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new InvalidInput("format", "must be one of json, csv, xlsx, pdf"));
    }
}
