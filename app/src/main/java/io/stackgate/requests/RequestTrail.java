package io.stackgate.requests;

import java.util.List;

/**
 * What happened to a request, from the audit log (the audit capability implements it): who submitted, claimed,
 * delegated, approved or rejected, when it was escalated, approved as a whole, provisioned, completed, cancelled or
 * failed — oldest first, in the timeline's words ({@link ApprovalRecords.Entry}).
 */
public interface RequestTrail {

    List<ApprovalRecords.Entry> of(String requestId);
}
