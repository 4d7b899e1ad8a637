package io.stackgate.requests;

import java.time.Instant;
import java.util.List;

/**
 * The approval part of a request's history: its levels and what happened on each (asked, claimed, delegated,
 * escalated, decided). The requests module asks for it to tell a request's timeline; the approvals module, which owns
 * the approval tasks and their variables, answers.
 */
public interface ApprovalRecords {

    /** @param processInstanceId the request's process instance */
    Approvals of(String processInstanceId);

    /** One approval level of a request, in the order the chain walks them. */
    record Level(String level, String state, String candidateGroup, String assignee, Instant due, String decidedBy,
            Instant decidedAt, String comment) {
    }

    /** One line of a request's timeline: who did what, when, on which level (null for the request as a whole). */
    record Entry(Instant at, String actor, String action, String level, String detail) {
    }

    record Approvals(List<Level> levels, List<Entry> entries) {

        public static final Approvals NONE = new Approvals(List.of(), List.of());
    }
}
