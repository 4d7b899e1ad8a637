package io.stackgate.audit.reports;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.stackgate.errors.DomainError;

/** No report of that name. */
public class UnknownReport extends DomainError {

    UnknownReport(String name) {
        super(Kind.NOT_FOUND, "name", "no report named " + name + "; there are "
                + Arrays.stream(ReportName.values()).map(ReportName::id).collect(Collectors.joining(", ")));
    }
}
