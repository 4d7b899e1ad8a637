package io.stackgate.workflow;

/** The process variables every Stackgate process carries. Capabilities declare their own beside their delegates. */
public final class Variables {

    /** The request a process instance works for (also its business key). */
    public static final Variable<String> REQUEST_ID = Variable.string("requestId");

    /** Why a request failed, clipped to {@link Causes#PROCESS_VARIABLE}. */
    public static final Variable<String> FAILURE_CAUSE = Variable.string("failureCause");

    private Variables() {
    }
}
