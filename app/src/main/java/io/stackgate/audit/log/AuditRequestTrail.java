package io.stackgate.audit.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.audit.AuditEntry;
import io.stackgate.requests.ApprovalRecords.Entry;
import io.stackgate.requests.RequestTrail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A request's timeline read from its audit rows, in the timeline's words; rows without a word are left out. */
@Component
class AuditRequestTrail implements RequestTrail {

    /** Audit action → timeline action. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("request.submitted", "submitted"),
            Map.entry("approval.requested", "approval-requested"),
            Map.entry("approval.claimed", "claimed"),
            Map.entry("approval.delegated", "delegated"),
            Map.entry("approval.escalated", "escalated"),
            Map.entry("approval.approved", "approved"),
            Map.entry("approval.rejected", "rejected"),
            Map.entry("request.approved", "request-approved"),
            Map.entry("request.provisioning", "provisioning-started"),
            Map.entry("request.completed", "completed"),
            Map.entry("request.rejected", "rejected"),
            Map.entry("request.cancelled", "cancelled"),
            Map.entry("request.failed", "failed"));

    private final AuditStore store;
    private final ObjectMapper json;

    AuditRequestTrail(AuditStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> of(String requestId) {
        List<Entry> entries = new ArrayList<>();
        for (AuditEntry row : store.ofRequest(requestId)) {
            String word = WORDS.get(row.action());
            if (word == null || (row.subjectKind().equals("request") && !row.subjectId().equals(requestId))) {
                continue;
            }
            JsonNode details = details(row.details());
            String level = text(details, "level");
            String detail = switch (row.action()) {
                case "approval.delegated" -> "to " + text(details, "to");
                case "approval.approved", "approval.rejected" -> text(details, "comment");
                case "request.rejected", "request.cancelled", "request.failed" -> text(details, "reason");
                default -> null;
            };
            // the request's own milestones and a level's task are the engine's doing, whoever's action led to them
            String actor = row.action().equals("approval.requested") ? null
                    : row.action().startsWith("request.") && !row.action().equals("request.submitted")
                    && !row.action().equals("request.cancelled") ? "system" : row.actorName();
            entries.add(new Entry(row.at(), actor, word, row.action().startsWith("approval.") ? level : null, detail));
        }
        return entries;
    }

    private JsonNode details(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
