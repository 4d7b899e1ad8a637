package io.stackgate.requests;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/requests/preview}: a submission being written. As {@link SubmitRequest}, but the
 * justification may still be missing or blank (a preview judges what is asked for, not why; the submit demands it).
 */
public record RequestDraft(
        @NotBlank String tenant,
        @NotBlank String project,
        @NotBlank String type,
        @NotNull JsonNode spec,
        @Size(max = 2000) String justification) {

    /** The submission this draft would be, for the checks a submit makes (none of which reads the justification). */
    public SubmitRequest asSubmission() {
        return new SubmitRequest(tenant, project, type, spec, justification == null ? "" : justification);
    }
}
