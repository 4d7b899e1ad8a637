package io.stackgate.audit.reports;

import java.util.Arrays;

/** The reports there are, by the name the API and file names use. */
public enum ReportName {
    REQUESTS("requests"), APPROVALS("approvals"), LEAD_TIMES("lead-times"), RESOURCES("resources"), QUOTA("quota"),
    COST("cost"), ACCESS("access");

    private final String id;

    ReportName(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** @throws UnknownReport naming the path's {@code name} */
    public static ReportName of(String id) {
        return Arrays.stream(values()).filter(name -> name.id.equals(id)).findFirst()
                .orElseThrow(() -> new UnknownReport(id));
    }
}
