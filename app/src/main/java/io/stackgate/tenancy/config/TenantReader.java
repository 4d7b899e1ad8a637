package io.stackgate.tenancy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackgate.tenancy.ApprovalLevel;
import io.stackgate.tenancy.ApprovalPolicy;
import io.stackgate.tenancy.OrgUnit;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.ProjectRole;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.RoleMapping;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Webhook;

/** Turns a schema-valid and semantically checked tenant document into the {@link Tenant} model. */
final class TenantReader {

    private TenantReader() {
    }

    static Tenant read(JsonNode tenant) {
        return new Tenant(tenant.path("id").asText(), tenant.path("name").asText(), quota(tenant.path("quota")),
                orgUnits(tenant.path("orgUnits"), ""), projects(tenant.path("projects")),
                approval(tenant.path("approval")), webhooks(tenant.path("notifications").path("webhooks")));
    }

    private static List<Webhook> webhooks(JsonNode webhooks) {
        List<Webhook> result = new ArrayList<>();
        for (JsonNode hook : webhooks) {
            List<String> kinds = new ArrayList<>();
            hook.path("kinds").forEach(kind -> kinds.add(kind.asText()));
            result.add(new Webhook(hook.path("name").asText(), hook.path("url").asText(), hook.path("format").asText(),
                    kinds, hook.hasNonNull("secretEnv") ? hook.get("secretEnv").asText() : null));
        }
        return result;
    }

    static Quota quota(JsonNode quota) {
        return new Quota(quota.path("vcpus").asInt(), quota.path("memoryMiB").asLong(), quota.path("diskGiB").asLong(),
                quota.path("gpus").asInt(), quota.path("vms").asInt(), quota.path("k8sNodes").asInt());
    }

    private static List<OrgUnit> orgUnits(JsonNode units, String parentPath) {
        List<OrgUnit> result = new ArrayList<>();
        for (JsonNode unit : units) {
            String id = unit.path("id").asText();
            String path = parentPath.isEmpty() ? id : parentPath + "/" + id;
            result.add(new OrgUnit(id, unit.path("name").asText(), path, orgUnits(unit.path("children"), path)));
        }
        return result;
    }

    private static List<Project> projects(JsonNode projects) {
        List<Project> result = new ArrayList<>();
        for (JsonNode project : projects) {
            List<RoleMapping> mappings = new ArrayList<>();
            for (JsonNode mapping : project.path("roleMappings")) {
                mappings.add(new RoleMapping(mapping.path("group").asText(),
                        ProjectRole.valueOf(mapping.path("role").asText().toUpperCase(Locale.ROOT)),
                        mapping.path("clusterRole").asText()));
            }
            result.add(new Project(project.path("id").asText(), project.path("name").asText(),
                    project.path("orgUnit").asText(), quota(project.path("quota")), mappings,
                    project.hasNonNull("podSecurity") ? project.get("podSecurity").asText() : null));
        }
        return result;
    }

    private static ApprovalPolicy approval(JsonNode approval) {
        Map<String, ApprovalLevel> levels = new LinkedHashMap<>();
        approval.path("levels").properties().forEach(entry -> {
            JsonNode level = entry.getValue();
            Map<String, String> orgUnitGroups = new LinkedHashMap<>();
            level.path("orgUnitGroups").properties().forEach(g -> orgUnitGroups.put(g.getKey(), g.getValue().asText()));
            String group = level.hasNonNull("group") ? level.get("group").asText() : null;
            levels.put(entry.getKey(), new ApprovalLevel(entry.getKey(), Duration.parse(level.path("sla").asText()),
                    group, orgUnitGroups));
        });
        JsonNode smallVm = approval.path("smallVm");
        List<String> nodePoolsOf = new ArrayList<>();
        approval.path("tenantAdminApprovesNodePoolsOf").forEach(unit -> nodePoolsOf.add(unit.asText()));
        return new ApprovalPolicy(approval.path("costThreshold").decimalValue(), approval.path("currency").asText(),
                levels, approval.path("escalationGroup").asText(),
                approval.path("decision").asText(ApprovalPolicy.DEFAULT_DECISION),
                smallVm.path("vcpus").asInt(ApprovalPolicy.DEFAULT_SMALL_VM_VCPUS),
                smallVm.path("memoryMiB").asLong(ApprovalPolicy.DEFAULT_SMALL_VM_MEMORY_MIB), nodePoolsOf);
    }
}
