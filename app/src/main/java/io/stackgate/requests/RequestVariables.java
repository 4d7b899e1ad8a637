package io.stackgate.requests;

import io.stackgate.workflow.Variable;

/** The request process's variables that other capabilities set or read (beside {@code workflow.Variables}). */
public final class RequestVariables {

    /** Who submitted the request (user name). */
    public static final Variable<String> REQUESTER = Variable.string("requester");
    /** Who decided the last approval level (set by approvals on completing a task). */
    public static final Variable<String> DECIDED_BY = Variable.string("decidedBy");
    /** The reason of a rejection (set by approvals with a rejection). */
    public static final Variable<String> REJECTION_REASON = Variable.string("rejectionReason");
    /** Who cancelled the request (sent with the cancel message). */
    public static final Variable<String> CANCELLED_BY = Variable.string("cancelledBy");

    private RequestVariables() {
    }
}
