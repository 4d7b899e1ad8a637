package io.stackgate.workflow;

/**
 * Failure causes end up in columns and process variables of bounded size; a cause longer than the room it has is cut
 * (on a code point boundary, marked with how much was left out) rather than failing the step that records the
 * failure. The whole text goes to the log and the incident where it is raised.
 */
public final class Causes {

    /** Room for a cause in a process variable (Camunda keeps strings up to 4,000 characters) and in error messages. */
    public static final int PROCESS_VARIABLE = 3000;

    private Causes() {
    }

    public static String clip(String cause, int max) {
        if (cause == null || cause.length() <= max) {
            return cause;
        }
        String marker = " … (" + (cause.length() - max) + " more characters in the log)";
        int keep = Math.max(0, max - marker.length() - 10);
        int end = cause.offsetByCodePoints(0, cause.codePointCount(0, keep));
        String head = cause.substring(0, end);
        return head + " … (" + (cause.length() - head.length()) + " more characters in the log)";
    }
}
