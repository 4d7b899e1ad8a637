package io.stackgate.audit.reports.exports;

import java.util.LinkedHashMap;
import java.util.Map;

import io.stackgate.audit.reports.ReportTable;

/** The facts every exported report states about itself: what, for which filters, when, and the chain's head. */
final class Headers {

    private Headers() {
    }

    static Map<String, String> facts(ReportTable table) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("report", table.name().id());
        facts.putAll(table.filter().describe());
        facts.put("generatedAt", table.generatedAt().toString());
        facts.put("chainHead", table.chainHead());
        return facts;
    }
}
