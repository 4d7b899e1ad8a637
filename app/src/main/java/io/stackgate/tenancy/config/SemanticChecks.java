package io.stackgate.tenancy.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.tenancy.ApprovalPolicy;

/** The rules of a tenant file that its JSON Schema cannot express; run on a schema-valid document. */
final class SemanticChecks {

    private final String file;
    private final YamlLines lines;
    private final String tenantId;
    private final Predicate<String> decisionExists;
    private final List<ConfigError> errors = new ArrayList<>();
    private final Set<String> orgUnitIds = new HashSet<>();

    private SemanticChecks(String file, YamlLines lines, String tenantId, Predicate<String> decisionExists) {
        this.file = file;
        this.lines = lines;
        this.tenantId = tenantId;
        this.decisionExists = decisionExists;
    }

    /** @param decisionExists whether a DMN file of that name is under {@code processes/} (deployed with the app) */
    static List<ConfigError> check(String file, YamlLines lines, JsonNode tenant, Predicate<String> decisionExists) {
        // groups are checked against the id the file name demands, so a wrong id is reported once
        SemanticChecks checks = new SemanticChecks(file, lines, file.substring(0, file.length() - ".yaml".length()),
                decisionExists);
        checks.run(tenant);
        return checks.errors;
    }

    private void run(JsonNode tenant) {
        if (!tenant.path("id").asText().equals(tenantId)) {
            error(List.of("id"), "must equal the file name '" + tenantId + "'");
        }
        checkOrgUnits(tenant.path("orgUnits"), List.of("orgUnits"));
        checkProjects(tenant.path("projects"));
        checkApproval(tenant.path("approval"));
    }

    private void checkOrgUnits(JsonNode units, List<Object> path) {
        for (int i = 0; i < units.size(); i++) {
            JsonNode unit = units.get(i);
            if (!orgUnitIds.add(unit.path("id").asText())) {
                error(append(path, i, "id"), "duplicate org unit id '" + unit.path("id").asText() + "'");
            }
            checkOrgUnits(unit.path("children"), append(path, i, "children"));
        }
    }

    private void checkProjects(JsonNode projects) {
        Set<String> projectIds = new HashSet<>();
        for (int i = 0; i < projects.size(); i++) {
            JsonNode project = projects.get(i);
            List<Object> path = List.of("projects", i);
            if (!projectIds.add(project.path("id").asText())) {
                error(append(path, "id"), "duplicate project id '" + project.path("id").asText() + "'");
            }
            if (!orgUnitIds.contains(project.path("orgUnit").asText())) {
                error(append(path, "orgUnit"), "unknown org unit '" + project.path("orgUnit").asText() + "'");
            }
            JsonNode mappings = project.path("roleMappings");
            for (int m = 0; m < mappings.size(); m++) {
                String group = mappings.get(m).path("group").asText();
                if (!group.startsWith("/tenants/" + tenantId + "/")) {
                    error(append(path, "roleMappings", m, "group"), "must be a group below /tenants/" + tenantId + "/");
                }
            }
        }
    }

    private void checkApproval(JsonNode approval) {
        checkApproverGroup(approval.path("escalationGroup").asText(), List.of("approval", "escalationGroup"));
        JsonNode levels = approval.path("levels");
        for (String required : ApprovalPolicy.REQUIRED_LEVELS) {
            if (!levels.has(required)) {
                error(List.of("approval", "levels"), "missing level '" + required + "' (named by approval-chain.dmn)");
            }
        }
        for (Map.Entry<String, JsonNode> entry : levels.properties()) {
            checkLevel(entry.getValue(), List.of("approval", "levels", entry.getKey()));
        }
        if (approval.has("decision") && !decisionExists.test(approval.path("decision").asText())) {
            error(List.of("approval", "decision"), "no decision file '" + approval.path("decision").asText()
                    + "' under processes/");
        }
        JsonNode nodePoolsOf = approval.path("tenantAdminApprovesNodePoolsOf");
        for (int i = 0; i < nodePoolsOf.size(); i++) {
            if (!orgUnitIds.contains(nodePoolsOf.get(i).asText())) {
                error(List.of("approval", "tenantAdminApprovesNodePoolsOf", i),
                        "unknown org unit '" + nodePoolsOf.get(i).asText() + "'");
            }
        }
    }

    private void checkLevel(JsonNode level, List<Object> path) {
        try {
            if (Duration.parse(level.path("sla").asText()).isZero()) {
                error(append(path, "sla"), "must be longer than zero");
            }
        } catch (DateTimeParseException e) {
            error(append(path, "sla"), "is not an ISO-8601 duration");
        }
        if (!level.has("group") && !level.has("orgUnitGroups")) {
            error(path, "needs a group, orgUnitGroups or both");
        }
        if (level.has("group")) {
            checkApproverGroup(level.path("group").asText(), append(path, "group"));
        }
        level.path("orgUnitGroups").properties().forEach(entry -> {
            List<Object> groupPath = append(path, "orgUnitGroups", entry.getKey());
            if (!orgUnitIds.contains(entry.getKey())) {
                error(groupPath, "unknown org unit '" + entry.getKey() + "'");
            }
            checkApproverGroup(entry.getValue().asText(), groupPath);
        });
    }

    private void checkApproverGroup(String group, List<Object> path) {
        if (group.startsWith("/") && !group.startsWith("/tenants/" + tenantId + "/")) {
            error(path, "must be a group below /tenants/" + tenantId + "/ or role:<realm role>");
        }
    }

    private void error(List<Object> path, String message) {
        errors.add(new ConfigError(file, lines.lineOf(path), YamlLines.field(path), message));
    }

    private static List<Object> append(List<Object> path, Object... elements) {
        List<Object> result = new ArrayList<>(path);
        result.addAll(List.of(elements));
        return result;
    }
}
