package io.stackgate.approvals.process;

import java.util.List;

import io.stackgate.workflow.Variable;

/** The approval sub-process's names: its user task and the variables it reads and writes. */
public final class ApprovalModel {

    /** The user task of each approval level. */
    static final String APPROVAL_TASK = "ApproveLevel";
    /** Task-local variables the decision leaves on the task. */
    public static final String DECISION = "decision";
    public static final String COMMENT = "comment";

    /** What the approval-chain decision chose, in rule order, possibly repeated. */
    static final Variable<List<String>> APPROVAL_LEVELS = Variable.strings("approvalLevels");
    /** The distinct levels the approval sub-process walks through, in order. */
    static final Variable<List<String>> APPROVAL_STEPS = Variable.strings("approvalSteps");
    /** Whether any level must approve. */
    static final Variable<Boolean> APPROVAL_NEEDED = Variable.bool("approvalNeeded");
    /** The level of the current multi-instance iteration. */
    static final Variable<String> LEVEL = Variable.string("level");
    /** The group whose members may decide the level's task. */
    static final Variable<String> CANDIDATE_GROUP = Variable.string("candidateGroup");

    private ApprovalModel() {
    }
}
