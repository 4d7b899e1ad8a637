package io.stackgate.requests;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/requests}; {@code spec}'s shape depends on {@code type}. */
public record SubmitRequest(
        @NotBlank String tenant,
        @NotBlank String project,
        @NotBlank String type,
        @NotNull JsonNode spec,
        @NotBlank @Size(max = 2000) String justification) {
}
